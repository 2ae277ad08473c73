package io.tidemark.http.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * A result as an aligned text table: the column names, a rule, one line per row, and the row
 * count. Columns are as wide as their widest cell; numeric columns are aligned right.
 */
final class TextTable {

    private final List<String> names;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param rightAligned which columns hold numbers */
    TextTable(List<String> names, boolean[] rightAligned) {
        this.names = List.copyOf(names);
        this.rightAligned = rightAligned.clone();
    }

    void add(List<String> cells) {
        if (cells.size() != names.size()) {
            throw new IllegalArgumentException("cannot add row: cells=" + cells.size() + ", columns=" + names.size());
        }
        rows.add(cells);
    }

    String render() {
        int[] widths = new int[names.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = names.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, names, widths, new boolean[widths.length]);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, rightAligned);
        }
        out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : " | ").append(right[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
