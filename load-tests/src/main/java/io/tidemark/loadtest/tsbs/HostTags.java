package io.tidemark.loadtest.tsbs;

import io.tidemark.storage.model.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The ten tags of one simulated host, fixed for the host's life.
 *
 * @param values tag values in the order of {@link TsbsVocabulary#TAG_NAMES}
 */
public record HostTags(List<String> values) {

    public HostTags {
        values = List.copyOf(values);
        if (values.size() != TsbsVocabulary.TAG_NAMES.size()) {
            throw new IllegalArgumentException("cannot build host tags: expected="
                    + TsbsVocabulary.TAG_NAMES.size() + ", got=" + values.size());
        }
    }

    /** Draws the tags of host {@code index} the way TSBS {@code newHostWithMeasurementGenerator} does. */
    static HostTags draw(int index, SplittableRandom random) {
        TsbsVocabulary.Region region = pick(TsbsVocabulary.REGIONS, random);
        List<String> v = new ArrayList<>(TsbsVocabulary.TAG_NAMES.size());
        v.add("host_" + index);
        v.add(region.name());
        v.add(pick(region.datacenters(), random));
        v.add(Integer.toString(random.nextInt(TsbsVocabulary.RACK_CHOICES)));
        v.add(pick(TsbsVocabulary.OS_CHOICES, random));
        v.add(pick(TsbsVocabulary.ARCH_CHOICES, random));
        v.add(pick(TsbsVocabulary.TEAM_CHOICES, random));
        v.add(Integer.toString(random.nextInt(TsbsVocabulary.SERVICE_CHOICES)));
        v.add(Integer.toString(random.nextInt(TsbsVocabulary.SERVICE_VERSION_CHOICES)));
        v.add(pick(TsbsVocabulary.SERVICE_ENVIRONMENT_CHOICES, random));
        return new HostTags(v);
    }

    private static <T> T pick(List<T> choices, SplittableRandom random) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** The value of a tag by name. */
    public String get(String tagName) {
        int i = TsbsVocabulary.TAG_NAMES.indexOf(tagName);
        if (i < 0) {
            throw new IllegalArgumentException("cannot read host tag: name=" + tagName);
        }
        return values.get(i);
    }

    public String hostname() {
        return values.get(0);
    }

    /** The tags as series dimensions (unsorted; {@code SeriesKey.of} sorts them). */
    public List<Dimension> dimensions() {
        List<Dimension> dims = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            dims.add(new Dimension(TsbsVocabulary.TAG_NAMES.get(i), values.get(i)));
        }
        return dims;
    }

    /** The Influx line protocol tag set, e.g. {@code hostname=host_0,region=...}, without a leading comma. */
    public String lineProtocolTagSet() {
        StringBuilder sb = new StringBuilder(160);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(TsbsVocabulary.TAG_NAMES.get(i)).append('=').append(Objects.requireNonNull(values.get(i)));
        }
        return sb.toString();
    }
}
