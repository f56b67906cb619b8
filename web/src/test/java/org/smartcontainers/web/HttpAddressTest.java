package org.smartcontainers.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HttpAddressTest {
    @Test
    void defaultsToLoopback() {
        assertEquals(new HttpAddress("127.0.0.1", 8750), HttpAddress.parse(null));
        assertEquals(new HttpAddress("127.0.0.1", 9000), HttpAddress.parse(":9000"));
    }

    @Test
    void parsesHostsAndIpv6() {
        assertEquals(new HttpAddress("0.0.0.0", 80), HttpAddress.parse("0.0.0.0:80"));
        assertEquals(new HttpAddress("::1", 8750), HttpAddress.parse("[::1]:8750"));
        assertEquals("[::1]:8750", HttpAddress.parse("[::1]:8750").toString());
    }

    @Test
    void refusesGarbage() {
        assertThrows(IllegalArgumentException.class, () -> HttpAddress.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> HttpAddress.parse("localhost:http"));
        assertThrows(IllegalArgumentException.class, () -> HttpAddress.parse("localhost:70000"));
    }
}
