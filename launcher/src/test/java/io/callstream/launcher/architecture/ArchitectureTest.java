package io.callstream.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, kept by machine: the launcher on top; the gateway, the topology and the emulator in the middle, none
 * of them knowing another; schemas and service-kit at the ground. Inside the topology, the rules of the fold and the
 * statistics are plain Java, and the HTTP edges reach Kafka Streams only through the query layer. Runs on the
 * launcher's test classpath, which holds every module's production classes (tests excluded).
 */
@AnalyzeClasses(packages = "io.callstream", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String GATEWAY = "io.callstream.gateway..";
    private static final String TOPOLOGY = "io.callstream.topology..";
    private static final String EMULATOR = "io.callstream.emulator..";
    private static final String LAUNCHER = "io.callstream.launcher..";
    private static final String KAFKA = "org.apache.kafka..";

    @ArchTest
    static final ArchRule theGatewayDoesNotKnowTheTopology = noClasses().that().resideInAPackage(GATEWAY)
            .should().dependOnClassesThat().resideInAnyPackage(TOPOLOGY, EMULATOR, LAUNCHER);

    @ArchTest
    static final ArchRule theTopologyDoesNotKnowTheGateway = noClasses().that().resideInAPackage(TOPOLOGY)
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, EMULATOR, LAUNCHER);

    @ArchTest
    static final ArchRule theEmulatorIsAnOutsider = noClasses().that().resideInAPackage(EMULATOR)
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, TOPOLOGY, LAUNCHER)
            .because("it plays the vendor: it speaks the protocol, not our code");

    @ArchTest
    static final ArchRule theGroundDependsOnNoApplication = noClasses()
            .that().resideInAnyPackage("io.callstream.schemas..", "io.callstream.service..")
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, TOPOLOGY, EMULATOR, LAUNCHER,
                    "io.callstream.testkit..");

    @ArchTest
    static final ArchRule theFoldRulesAreKafkaFree = noClasses()
            .that().resideInAPackage("io.callstream.topology.fold..")
            .or().haveFullyQualifiedName("io.callstream.topology.record.FoldedCall")
            .should().dependOnClassesThat().resideInAPackage(KAFKA)
            .because("the fold's rules (R1-R6) are plain Java, property-tested without Kafka");

    @ArchTest
    static final ArchRule theFoldRulesKnowNothingOfTheirProcessor = noClasses()
            .that().resideInAPackage("io.callstream.topology.fold..")
            .should().dependOnClassesThat().resideInAnyPackage("io.callstream.topology.record..",
                    "io.callstream.topology.app..", "io.callstream.topology.query..")
            .because("the processor runs the rules; the rules do not know where they run");

    @ArchTest
    static final ArchRule theStatisticsRulesAreKafkaFree = noClasses()
            .that().resideInAPackage("io.callstream.topology.stats")
            .should().dependOnClassesThat().resideInAPackage(KAFKA)
            .because("the statistics' rules (R7, R8) are plain Java; their processor lives in stats.processor");

    @ArchTest
    static final ArchRule theHttpEdgesReachStreamsOnlyThroughTheQueryLayer = noClasses()
            .that().resideInAnyPackage("io.callstream.topology.query.vendor..", "io.callstream.topology.query.analyst..",
                    "io.callstream.topology.query.auth..", "io.callstream.topology.query.limit..",
                    "io.callstream.topology.query.http..")
            .should().dependOnClassesThat().resideInAPackage(KAFKA)
            .because("the APIs ask RecordQueries and StatsQueries, which hide where the stores are");

    @ArchTest
    static final ArchRule theQueryModelIsKafkaFree = noClasses()
            .that().resideInAPackage("io.callstream.topology.query")
            .should().dependOnClassesThat().resideInAPackage(KAFKA)
            .because("filters, cursors and pages are what the APIs and the stores share; the stores' side is in "
                    + "query.local, query.cluster and query.index");

    @ArchTest
    static final ArchRule noCyclesBetweenModules = slices().matching("io.callstream.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheLauncherStartsEverything = classes().that().resideInAPackage(LAUNCHER)
            .should().onlyBeAccessed().byClassesThat().resideInAPackage(LAUNCHER);
}
