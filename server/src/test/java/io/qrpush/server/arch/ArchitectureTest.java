package io.qrpush.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows that must never exist (docs/architecture.md): the core knows no network library,
 * no Redis and no feature; login knows neither Netty nor the cluster; the protocol knows no
 * server. Main classes only: tests may wire anything to anything.
 */
@AnalyzeClasses(packages = "io.qrpush", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String CORE = "io.qrpush.server.core..";
    private static final String LOGIN = "io.qrpush.server.login..";

    @ArchTest
    static final ArchRule coreImportsNoNetty = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("the session and everything behind it run without Netty (core/Transport is the seam)");

    @ArchTest
    static final ArchRule coreImportsNoLettuce = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("io.lettuce..")
            .because("Redis lives behind core/Broker and core/OnceStore, in cluster/");

    @ArchTest
    static final ArchRule coreImportsNoFeatureNorAdapter = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(LOGIN, "io.qrpush.server.history..",
                    "io.qrpush.server.presence..", "io.qrpush.server.webhook..", "io.qrpush.server.demo..",
                    "io.qrpush.server.transport..", "io.qrpush.server.http..", "io.qrpush.server.cluster..")
            .because("features plug into the node through core/ChannelFeature; the node names none of them");

    @ArchTest
    static final ArchRule loginImportsNoNetty = noClasses().that().resideInAPackage(LOGIN)
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("login's timers are a core/Scheduler; the wiring backs it with Netty's wheel");

    @ArchTest
    static final ArchRule loginImportsNoCluster = noClasses().that().resideInAPackage(LOGIN)
            .should().dependOnClassesThat().resideInAnyPackage("io.qrpush.server.cluster..", "io.lettuce..")
            .because("login stores through login/LoginStore; the Redis store is chosen by the wiring");

    @ArchTest
    static final ArchRule storesImportNoNettyNorRedis = noClasses()
            .that().resideInAnyPackage("io.qrpush.server.history..", "io.qrpush.server.presence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.lettuce..", "io.qrpush.server.cluster..")
            .because("history and presence stores are plain Java; their Redis versions live in cluster/");

    @ArchTest
    static final ArchRule adminImportsNoNettyNorRedis = noClasses().that().resideInAPackage("io.qrpush.server.admin..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.lettuce..", "io.qrpush.server.cluster..")
            .because("the admin page reads the cluster's nodes through admin/NodeDirectory; its Redis version lives in cluster/");

    @ArchTest
    static final ArchRule protocolImportsNoServer = noClasses().that().resideInAPackage("io.qrpush.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("io.qrpush.server..", "io.qrpush.sdk..", "io.netty..")
            .because("the protocol module is shared by the server, the SDK and the load tester");
}
