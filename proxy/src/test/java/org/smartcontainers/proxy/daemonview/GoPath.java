package org.smartcontainers.proxy.daemonview;

/** Go's {@code path.Clean} and gorilla/mux's {@code cleanPath}, on byte strings. */
final class GoPath {
    private GoPath() {
    }

    /** gorilla/mux: rooted, cleaned, a trailing slash kept; mux redirects any path this changes. */
    static String muxClean(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String rooted = path.charAt(0) == '/' ? path : "/" + path;
        String clean = clean(rooted);
        return rooted.endsWith("/") && !clean.equals("/") ? clean + "/" : clean;
    }

    /** {@code path.Clean}, its lexical rules in its own order (a write cursor over the output). */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                for (; r < n && path.charAt(r) != '/'; r++) {
                    out.append(path.charAt(r));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
