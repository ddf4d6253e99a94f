package io.qrpush.sdk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The SDK speaks the protocol only: its main classes import no server code (its tests do, to run one). */
@AnalyzeClasses(packages = "io.qrpush.sdk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sdkImportsNoServer = noClasses().that().resideInAPackage("io.qrpush.sdk..")
            .should().dependOnClassesThat().resideInAPackage("io.qrpush.server..")
            .because("applications ship the SDK without the server");
}
