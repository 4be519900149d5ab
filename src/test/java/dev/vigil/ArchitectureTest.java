package dev.vigil;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of docs/architecture.md as rules. From the bottom up: {@code core} (the shared vocabulary); the
 * infrastructure helpers {@code config}, {@code validation}, {@code store}, {@code web}, {@code kafka}; the
 * capabilities, each with its domain at the root (and in any sub-package other than {@code service} and
 * {@code api}), its Quarkus wiring and persistence in {@code service}, its REST resources in {@code api}; and
 * {@code flow} on top, the one package that joins capabilities' services.
 */
class ArchitectureTest {

    private static JavaClasses vigil;

    @BeforeAll
    static void importMainClasses() {
        vigil = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vigil");
    }

    /** The capabilities: each owns a domain, and may have a {@code service} and an {@code api} package. */
    static final List<String> CAPABILITIES = List.of("attribute", "backtest", "canary", "deploy", "detect", "gate",
            "git", "ingest", "predict", "security");

    private static final String[] DOMAIN = domainPackages();

    private static final String[] ADAPTERS = {"dev.vigil..service..", "dev.vigil..api.."};

    private static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta..", "org.apache.kafka..", "io.smallrye..",
            "io.vertx..", "org.eclipse.microprofile.."};

    private static final ArchRule NO_CYCLE_BETWEEN_TOP_LEVEL_PACKAGES = slices().matching("dev.vigil.(*)..")
            .namingSlices("$1").should().beFreeOfCycles();

    private static final ArchRule NO_CYCLE_BETWEEN_PACKAGES = slices().matching("dev.vigil.(**)")
            .namingSlices("$1").should().beFreeOfCycles();

    private static final ArchRule DOMAIN_IS_PLAIN_JAVA = noClasses().that().resideInAnyPackage(DOMAIN)
            .and().resideOutsideOfPackages(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("a domain package is plain Java: Quarkus, Jakarta, Kafka, SmallRye and Vert.x stay in the adapters");

    private static final ArchRule ADAPTERS_DEPEND_ON_THE_DOMAIN_NEVER_THE_REVERSE = noClasses().that().resideInAnyPackage(DOMAIN)
            .and().resideOutsideOfPackages(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("dev.vigil..service..", "dev.vigil..api..",
                    "dev.vigil.flow..", "dev.vigil.config..", "dev.vigil.kafka..", "dev.vigil.web..")
            .because("a domain knows no wiring, resource, configuration or pipeline; they know it");

    private static final ArchRule CORE_IMPORTS_NOTHING_OF_VIGIL = noClasses().that().resideInAPackage("dev.vigil.core..")
            .should().dependOnClassesThat(resideInAPackage("dev.vigil..").and(not(resideInAPackage("dev.vigil.core.."))))
            .because("core is the shared vocabulary at the bottom of the house");

    private static final ArchRule VALIDATION_IMPORTS_NOTHING_OF_VIGIL = noClasses()
            .that().resideInAPackage("dev.vigil.validation..")
            .should().dependOnClassesThat(resideInAPackage("dev.vigil..")
                    .and(not(resideInAPackage("dev.vigil.validation.."))))
            .because("the one model of located validation issues serves every capability that reads YAML");

    private static final ArchRule STORE_IMPORTS_NO_CAPABILITY = noClasses().that().resideInAPackage("dev.vigil.store..")
            .should().dependOnClassesThat(resideInAPackage("dev.vigil..")
                    .and(not(resideInAnyPackage("dev.vigil.store..", "dev.vigil.core..", "dev.vigil.config.."))))
            .because("store is a persistence helper below the capabilities");

    private static final ArchRule NOTHING_DEPENDS_ON_FLOW = noClasses().that().resideOutsideOfPackage("dev.vigil.flow..")
            .should().dependOnClassesThat().resideInAPackage("dev.vigil.flow..")
            .because("flow is the top: it joins the capabilities, none of them knows it");

    private static final ArchRule ONLY_FLOW_JOINS_CAPABILITIES_SERVICES = classes().that().resideOutsideOfPackage("dev.vigil.flow..")
            .should(notDependOnAnotherCapabilitysAdapters())
            .because("a capability reaches another through its domain; wiring two capabilities' services is flow's job");

    @Test
    void noCycleBetweenTopLevelPackages() {
        NO_CYCLE_BETWEEN_TOP_LEVEL_PACKAGES.check(vigil);
    }

    @Test
    void noCycleBetweenPackages() {
        NO_CYCLE_BETWEEN_PACKAGES.check(vigil);
    }

    @Test
    void domainIsPlainJava() {
        DOMAIN_IS_PLAIN_JAVA.check(vigil);
    }

    @Test
    void adaptersDependOnTheDomainNeverTheReverse() {
        ADAPTERS_DEPEND_ON_THE_DOMAIN_NEVER_THE_REVERSE.check(vigil);
    }

    @Test
    void coreImportsNothingOfVigil() {
        CORE_IMPORTS_NOTHING_OF_VIGIL.check(vigil);
    }

    @Test
    void validationImportsNothingOfVigil() {
        VALIDATION_IMPORTS_NOTHING_OF_VIGIL.check(vigil);
    }

    @Test
    void storeImportsNoCapability() {
        STORE_IMPORTS_NO_CAPABILITY.check(vigil);
    }

    @Test
    void nothingDependsOnFlow() {
        NOTHING_DEPENDS_ON_FLOW.check(vigil);
    }

    @Test
    void onlyFlowJoinsCapabilitiesServices() {
        ONLY_FLOW_JOINS_CAPABILITIES_SERVICES.check(vigil);
    }

    private static String[] domainPackages() {
        return java.util.stream.Stream.concat(CAPABILITIES.stream(), java.util.stream.Stream.of("core"))
                .map(c -> "dev.vigil." + c + "..").toArray(String[]::new);
    }

    /** The capability a package belongs to, if any. */
    static Optional<String> capabilityOf(String pkg) {
        List<String> parts = Arrays.asList(pkg.split("\\."));
        if (parts.size() < 3 || !parts.get(0).equals("dev") || !parts.get(1).equals("vigil")) {
            return Optional.empty();
        }
        return CAPABILITIES.contains(parts.get(2)) ? Optional.of(parts.get(2)) : Optional.empty();
    }

    /** True for a capability's {@code service} or {@code api} package (or a package inside one). */
    static boolean isAdapter(String pkg) {
        List<String> parts = Arrays.asList(pkg.split("\\."));
        return parts.size() > 3 && (parts.get(3).equals("service") || parts.get(3).equals("api"));
    }

    private static ArchCondition<JavaClass> notDependOnAnotherCapabilitysAdapters() {
        return new ArchCondition<>("not depend on another capability's service or api package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<String> own = capabilityOf(item.getPackageName());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    Optional<String> other = capabilityOf(target);
                    if (other.isPresent() && !other.equals(own) && isAdapter(target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
