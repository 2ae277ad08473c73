package io.tidemark.loadtest.tsbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {

    @Test
    void writesTsbsInfluxLinesHostByHostPerTimestamp() throws IOException {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(3, 1, ValueMode.INT));
        StringWriter out = new StringWriter();
        long lines = new LineProtocolWriter(gen, 2).writeRows(out, 5);

        String[] text = out.toString().split("\n");
        assertThat(lines).isEqualTo(15);
        assertThat(text).hasSize(15);
        assertThat(text[0]).startsWith("cpu,hostname=host_0,region=" + gen.host(0).get("region") + ",datacenter=")
                .matches("cpu,(\\w+=[\\w.-]+,){9}service_environment=\\w+ "
                        + "usage_user=\\d+i,usage_system=\\d+i,(usage_\\w+=\\d+i,){7}usage_guest_nice=\\d+i "
                        + "1451606400000000000");
        assertThat(text[2]).startsWith("cpu,hostname=host_2,").endsWith(" 1451606400000000000");
        assertThat(text[14]).startsWith("cpu,hostname=host_2,").endsWith(" 1451606440000000000");

        CpuOnlyGenerator same = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(3, 1, ValueMode.INT));
        double[] user = new double[5];
        same.nextValues(CpuOnlyGenerator.seriesOf(1, 0), user, 0, 5);
        assertThat(text[3 * 4 + 1]).contains(" usage_user=" + (long) user[4] + "i,");
    }

    @Test
    void writesFloat2WithoutTrailingZeros() throws IOException {
        CpuOnlyGenerator gen = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(2, 4, ValueMode.FLOAT2));
        StringWriter out = new StringWriter();
        new LineProtocolWriter(gen, 100).writeRows(out, 300);

        for (String line : out.toString().split("\n")) {
            String fields = line.split(" ")[1];
            assertThat(fields).matches("(usage_\\w+=\\d{1,3}(\\.\\d?[1-9])?,){9}usage_guest_nice=\\d{1,3}(\\.\\d?[1-9])?");
        }
        CpuOnlyGenerator same = new CpuOnlyGenerator(CpuOnlyConfig.tsbs(2, 4, ValueMode.FLOAT2));
        double[] v = new double[1];
        same.nextValues(0, v, 0, 1);
        String first = out.toString().split("\n")[0].split(" ")[1].split(",")[0];
        assertThat(Double.parseDouble(first.substring("usage_user=".length()))).isEqualTo(v[0]);
    }
}
