package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The evaluation of grants over every action and every resource of a small node (three databases
 * of three tables, plus names no grant mentions), for random policies: what a policy allows is
 * what one grant covers, no more; a whole (database, node) is covered only by {@code "*"}; more
 * grants never allow less; "allowed everywhere" means allowed on each resource.
 */
class AccessPolicyPropertyTest {

    static final List<String> DATABASES = List.of("metrics", "logs", "ops");
    static final List<String> TABLES = List.of("cpu", "mem", "disk");
    /** Every resource of the node, and names no generated grant mentions. */
    static final List<Resource> RESOURCES = resources();

    @Property(tries = 300)
    void aPolicyAllowsAnActionOnAResourceOnlyWhenOneGrantCoversBoth(@ForAll("policies") List<Grant> grants) {
        AccessPolicy policy = AccessPolicy.of(grants);
        for (Action action : Action.values()) {
            for (Resource resource : RESOURCES) {
                boolean covered = grants.stream().anyMatch(g -> g.actions().contains(action)
                        && covers(g.databases(), resource.database()) && covers(g.tables(), resource.table()));
                boolean named = grants.stream().anyMatch(g -> g.actions().contains(action));
                boolean expected = switch (action.scope()) {
                    case ANY_KEY -> true;
                    case ACTION_ONLY -> named;
                    default -> covered;
                };
                assertThat(policy.allows(action, resource)).as("%s on %s by %s", action, resource, grants)
                        .isEqualTo(expected);
            }
        }
    }

    @Property(tries = 300)
    void whatAWholeAllowsEachOfItsPartsAllows(@ForAll("policies") List<Grant> grants) {
        AccessPolicy policy = AccessPolicy.of(grants);
        for (Action action : Action.values()) {
            for (String database : DATABASES) {
                if (policy.allows(action, Resource.ACCOUNT)) {
                    assertThat(policy.allows(action, Resource.database(database))).isTrue();
                }
                for (String table : TABLES) {
                    if (policy.allows(action, Resource.database(database))) {
                        assertThat(policy.allows(action, Resource.table(database, table))).isTrue();
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void anotherGrantNeverAllowsLess(@ForAll("policies") List<Grant> grants, @ForAll("grants") Grant more) {
        AccessPolicy before = AccessPolicy.of(grants);
        List<Grant> extended = new ArrayList<>(grants);
        extended.add(more);
        AccessPolicy after = AccessPolicy.of(extended);
        for (Action action : Action.values()) {
            for (Resource resource : RESOURCES) {
                if (before.allows(action, resource)) {
                    assertThat(after.allows(action, resource)).as("%s on %s", action, resource).isTrue();
                }
            }
        }
    }

    @Property(tries = 300)
    void allowedEverywhereMeansAllowedOnEachResource(@ForAll("policies") List<Grant> grants) {
        AccessPolicy policy = AccessPolicy.of(grants);
        for (Action action : Action.values()) {
            boolean onEach = RESOURCES.stream().allMatch(r -> policy.allows(action, r));
            assertThat(policy.allowsEverywhere(action)).as("%s by %s", action, grants).isEqualTo(onEach);
        }
    }

    @Property(tries = 300)
    void aKeyGrantedOnlyNamedTablesCanActOnNoWholeDatabase(@ForAll("namedTableGrants") List<Grant> grants) {
        AccessPolicy policy = AccessPolicy.of(grants);
        for (Action action : Action.values()) {
            if (action.scope() == Action.Scope.ANY_KEY || action.scope() == Action.Scope.ACTION_ONLY) {
                continue;
            }
            assertThat(policy.allows(action, Resource.ACCOUNT)).isFalse();
            DATABASES.forEach(d -> assertThat(policy.allows(action, Resource.database(d))).isFalse());
        }
    }

    @Example
    void aKeyWithoutAllowMayDoEverythingAndOneWithAnEmptyAllowOnlyDiscover() {
        AccessPolicy none = AccessPolicy.of(List.of());
        for (Action action : Action.values()) {
            for (Resource resource : RESOURCES) {
                assertThat(AccessPolicy.FULL_ACCESS.allows(action, resource)).isTrue();
                assertThat(none.allows(action, resource)).isEqualTo(action == Action.DESCRIBE_ENDPOINTS);
            }
        }
    }

    private static boolean covers(Set<String> names, String name) {
        return names.contains("*") || (name != null && names.contains(name));
    }

    @Provide
    Arbitrary<List<Grant>> policies() {
        return grants().list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Grant>> namedTableGrants() {
        return grant(names(TABLES)).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Grant> grants() {
        return grant(namesOrAny(TABLES));
    }

    private static Arbitrary<Grant> grant(Arbitrary<Set<String>> tables) {
        Arbitrary<Set<Action>> actions = Arbitraries.of(Action.class).set().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(actions, namesOrAny(DATABASES), tables).as(Grant::new);
    }

    private static Arbitrary<Set<String>> namesOrAny(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add(Grant.ANY);
        return Arbitraries.of(all).set().ofMinSize(1).ofMaxSize(2);
    }

    private static Arbitrary<Set<String>> names(List<String> names) {
        return Arbitraries.of(names).set().ofMinSize(1).ofMaxSize(2);
    }

    private static List<Resource> resources() {
        List<Resource> all = new ArrayList<>();
        all.add(Resource.ACCOUNT);
        List<String> databases = new ArrayList<>(DATABASES);
        databases.add("elsewhere");
        for (String database : databases) {
            all.add(Resource.database(database));
            for (String table : TABLES) {
                all.add(Resource.table(database, table));
            }
            all.add(Resource.table(database, "unnamed"));
        }
        return List.copyOf(all);
    }
}
