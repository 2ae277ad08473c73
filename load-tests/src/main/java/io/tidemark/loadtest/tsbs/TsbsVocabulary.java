package io.tidemark.loadtest.tsbs;

import java.util.List;

/**
 * The fixed vocabulary of the TSBS devops/cpu-only use case: tag names and their value choices,
 * and the ten cpu field names. Copied from TSBS {@code pkg/data/usecases/devops/host.go} and
 * {@code cpu.go} so that generated hosts look exactly like the ones peers are measured with.
 */
public final class TsbsVocabulary {

    /** The one measurement of the cpu-only use case. */
    public static final String MEASUREMENT = "cpu";

    /** Tag names in TSBS emission order; also the order of {@link HostTags#values()}. */
    public static final List<String> TAG_NAMES = List.of(
            "hostname", "region", "datacenter", "rack", "os", "arch", "team",
            "service", "service_version", "service_environment");

    /** The ten cpu fields, in TSBS emission order. A series is one host and one field. */
    public static final List<String> FIELD_NAMES = List.of(
            "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
            "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice");

    public static final int FIELD_COUNT = 10;

    /** The nine AWS regions and, for each, the availability zones TSBS draws datacenters from. */
    public static final List<Region> REGIONS = List.of(
            new Region("us-east-1", List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e")),
            new Region("us-west-1", List.of("us-west-1a", "us-west-1b")),
            new Region("us-west-2", List.of("us-west-2a", "us-west-2b", "us-west-2c")),
            new Region("eu-west-1", List.of("eu-west-1a", "eu-west-1b", "eu-west-1c")),
            new Region("eu-central-1", List.of("eu-central-1a", "eu-central-1b")),
            new Region("ap-southeast-1", List.of("ap-southeast-1a", "ap-southeast-1b")),
            new Region("ap-southeast-2", List.of("ap-southeast-2a", "ap-southeast-2b")),
            new Region("ap-northeast-1", List.of("ap-northeast-1a", "ap-northeast-1c")),
            new Region("sa-east-1", List.of("sa-east-1a", "sa-east-1b", "sa-east-1c")));

    public static final List<String> OS_CHOICES = List.of("Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10");
    public static final List<String> ARCH_CHOICES = List.of("x64", "x86");
    public static final List<String> TEAM_CHOICES = List.of("SF", "NYC", "LON", "CHI");
    public static final List<String> SERVICE_ENVIRONMENT_CHOICES = List.of("production", "staging", "test");

    /** Racks are "0".."99" within a datacenter. */
    public static final int RACK_CHOICES = 100;
    /** Services are "0".."19". */
    public static final int SERVICE_CHOICES = 20;
    /** Service versions are "0" or "1". */
    public static final int SERVICE_VERSION_CHOICES = 2;

    /** One AWS region and its availability zones. */
    public record Region(String name, List<String> datacenters) {
    }

    private TsbsVocabulary() {
    }
}
