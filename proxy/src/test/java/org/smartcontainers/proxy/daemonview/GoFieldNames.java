package org.smartcontainers.proxy.daemonview;

/**
 * How encoding/json matches an object's key to a struct field: the exact name, else the names
 * folded ({@code foldName}: ASCII letters upper-cased, any other rune replaced by the smallest rune
 * of its {@code unicode.SimpleFold} orbit). The only orbits that hold an ASCII letter and another
 * rune are {@code K k U+212A} (Kelvin sign) and {@code S s U+017F} (long s): Go's tables give
 * U+0130 and U+0131 orbits of their own, so {@code İ} and {@code ı} match no {@code I}.
 */
final class GoFieldNames {
    private GoFieldNames() {
    }

    /** Whether Go decodes {@code key} into the field named {@code field} (an ASCII name). */
    static boolean matches(String key, String field) {
        return key.equals(field) || fold(key).equals(fold(field));
    }

    private static String fold(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        name.codePoints().forEach(c -> folded.appendCodePoint(
                c >= 'a' && c <= 'z' ? c - 32 : c == 0x017F ? 'S' : c == 0x212A ? 'K' : c));
        return folded.toString();
    }
}
