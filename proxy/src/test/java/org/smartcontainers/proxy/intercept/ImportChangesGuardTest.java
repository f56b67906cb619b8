package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An import's changes may not set our label, however Docker would read its key. */
class ImportChangesGuardTest {

    @Test
    void ourLabelInAnySpellingDockerReadsIsCaught() {
        for (String changes : List.of("LABEL smartcontainer={\"forged\":true}", "label \"smartcontainer\"=x", "LABEL smart\\container=x",
                "LABEL a=1 \\\n  smartcontainer=x", "LABEL smartcontainer x y", "ONBUILD LABEL smartcontainer=x",
                "ENV K=smartcontainer\nLABEL ${K}=x", "# escape=`\nLABEL smart`container=x", "LABEL 'smart'container=x",
                "LABEL SmartContainer=x")) {
            assertTrue(ImportChangesGuard.setsOurLabel(changes), changes);
        }
    }

    @Test
    void otherChangesPass() {
        for (String changes : List.of("LABEL version=1", "LABEL a=smartcontainer", "ENV smartcontainer=1", "CMD [\"sh\"]",
                "LABEL version 1.0 smartcontainer", "")) {
            assertFalse(ImportChangesGuard.setsOurLabel(changes), changes);
        }
    }

    @Test
    void onlyImportsWithChangesAreGuarded() {
        assertNull(ImportChangesGuard.forImport("/v1.45/images/create?fromImage=busybox&tag=latest"));
        assertNull(ImportChangesGuard.forImport("/v1.45/images/create?fromSrc=-&repo=x"));
        assertTrue(ImportChangesGuard.forImport("/v1.45/images/create?fromSrc=-&changes=CMD+sh") != null);
    }
}
