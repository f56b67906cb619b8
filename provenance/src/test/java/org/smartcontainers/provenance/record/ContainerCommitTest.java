package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A commit's changes are recorded without the values of the variables they set: those are often secrets. */
class ContainerCommitTest {
    private static String recorded(String change, List<String> names) {
        return ContainerCommit.withoutValues(change, names);
    }

    @Test
    void envValuesAreNeverRecordedOnlyTheirNames() {
        List<String> names = new ArrayList<>();
        assertEquals("ENV TOKEN (values not recorded)", recorded("ENV TOKEN=hunter2", names));
        assertEquals("env A B (values not recorded)", recorded("env A=\"x y\" B=z", names));
        assertEquals("ENV OLD (values not recorded)", recorded("ENV OLD some secret value", names));
        assertEquals("ONBUILD ENV KEY (values not recorded)", recorded("ONBUILD ENV KEY=s3cr3t", names));
        assertEquals(List.of("TOKEN", "A", "B", "OLD", "KEY"), names);
        assertEquals("LABEL x=y", recorded("LABEL x=y", names), "other instructions as they were");
        assertEquals("CMD [\"sh\"]", recorded("CMD [\"sh\"]", names));
    }
}
