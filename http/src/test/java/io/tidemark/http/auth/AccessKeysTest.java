package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.tidemark.http.server.HttpSettings;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code tidemark.http.access-keys} as the operator writes it: groups and action names, the
 * default tables, a key without {@code allow}; and every mistake failing start-up with the entry's
 * path and what was expected.
 */
class AccessKeysTest {

    static AccessKeys parse(String keys) {
        Config config = ConfigFactory.parseString("keys = " + keys);
        return AccessKeys.fromConfig(config.getConfigList("keys"), "tidemark.http.access-keys");
    }

    @Test
    void groupsActionNamesAndDefaultTablesAreRead() {
        AccessKeys keys = parse("""
                [ { id = AKIDADMIN, secret = s1 },
                  { id = AKIDREADER, secret = s2, allow = [
                      { actions = [ read ], databases = [ metrics ], tables = [ cpu, mem ] },
                      { actions = [ "timestream:writerecords", "Timestream:CreateTable" ], databases = [ "*" ] } ] },
                  { id = AKIDNONE, secret = s3, allow = [] } ]""");

        assertThat(keys.secrets()).containsEntry("AKIDADMIN", "s1").containsEntry("AKIDREADER", "s2").hasSize(3);
        assertThat(keys.policy("AKIDADMIN")).isEqualTo(AccessPolicy.FULL_ACCESS);
        assertThat(keys.policy("AKIDNONE")).isEqualTo(AccessPolicy.of(List.of()));
        List<Grant> grants = keys.policy("AKIDREADER").grants().orElseThrow();
        assertThat(grants.get(0)).isEqualTo(new Grant(group(Action.Group.READ), Set.of("metrics"), Set.of("cpu", "mem")));
        assertThat(grants.get(1)).isEqualTo(new Grant(EnumSet.of(Action.WRITE_RECORDS, Action.CREATE_TABLE),
                Set.of("*"), Set.of("*")));
    }

    @Test
    void theGroupsPartitionTheActionsAndStarIsAllOfThem() {
        Set<Action> read = AccessKeys.actions("read", "p");
        Set<Action> write = AccessKeys.actions("WRITE", "p");
        Set<Action> admin = AccessKeys.actions("admin", "p");

        assertThat(read).contains(Action.QUERY, Action.DESCRIBE_TABLE, Action.LIST_DATABASES, Action.CANCEL_QUERY)
                .doesNotContain(Action.WRITE_RECORDS, Action.CREATE_TABLE);
        assertThat(write).containsExactly(Action.WRITE_RECORDS, Action.CREATE_BATCH_LOAD_TASK,
                Action.RESUME_BATCH_LOAD_TASK);
        assertThat(admin).contains(Action.CREATE_DATABASE, Action.DELETE_TABLE, Action.TAG_RESOURCE)
                .doesNotContain(Action.QUERY, Action.WRITE_RECORDS);
        assertThat(read.size() + write.size() + admin.size()).isEqualTo(Action.values().length);
        assertThat(AccessKeys.actions("*", "p")).containsExactlyInAnyOrder(Action.values());
    }

    @Test
    void anUnknownActionFailsNamingItAndWhatIsExpected() {
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read, \"timestream:Frobnicate\" ],"
                + " databases = [ \"*\" ] } ] } ]"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("tidemark.http.access-keys[0].allow[0].actions")
                .hasMessageContaining("unknown action=timestream:Frobnicate")
                .hasMessageContaining("expected read, write, admin, * or timestream:<Operation>");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ reed ], databases = [ d ] } ] } ]"))
                .hasMessageContaining("unknown action=reed");
    }

    @Test
    void aGrantWithoutDatabasesOrActionsFails() {
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read ] } ] } ]"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("tidemark.http.access-keys[0].allow[0]")
                .hasMessageContaining("databases missing");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read ], databases = [] } ] } ]"))
                .hasMessageContaining("tidemark.http.access-keys[0].allow[0].databases")
                .hasMessageContaining("databases is empty");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { databases = [ d ] } ] } ]"))
                .hasMessageContaining("actions missing");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read ], databases = [ d ],"
                + " tables = [] } ] } ]"))
                .hasMessageContaining("tables is empty");
    }

    @Test
    void misspelledMembersPatternsAndRepeatedKeysFail() {
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read ], databases = [ d ],"
                + " table = [ t ] } ] } ]"))
                .hasMessageContaining("tidemark.http.access-keys[0].allow[0].table")
                .hasMessageContaining("unknown member=table (expected actions, databases, tables)");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allows = [] } ]"))
                .hasMessageContaining("unknown member=allows (expected allow, id, secret)");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s, allow = [ { actions = [ read ], databases = [ \"prod_*\" ] } ] } ]"))
                .hasMessageContaining("databases name='prod_*'")
                .hasMessageContaining("no other patterns");
        assertThatThrownBy(() -> parse("[ { id = K, secret = s }, { id = K, secret = t } ]"))
                .hasMessageContaining("tidemark.http.access-keys[1].id")
                .hasMessageContaining("id=K is given twice");
    }

    @Test
    void aBadGrantFailsTheServerSettingsWhetherOrNotSignaturesAreChecked() {
        for (String auth : List.of("sigv4", "none")) {
            Config config = ConfigFactory.parseString("tidemark.http.auth = " + auth + "\n"
                    + "tidemark.http.access-keys = [ { id = K, secret = s, allow = [ { actions = [ raed ], databases = [ d ] } ] } ]")
                    .withFallback(ConfigFactory.defaultReference()).resolve();

            assertThatThrownBy(() -> HttpSettings.fromConfig(config)).as(auth)
                    .isInstanceOf(ConfigException.BadValue.class)
                    .hasMessageContaining("unknown action=raed");
        }
    }

    private static Set<Action> group(Action.Group group) {
        return Arrays.stream(Action.values()).filter(a -> a.group() == group).collect(Collectors.toSet());
    }
}
