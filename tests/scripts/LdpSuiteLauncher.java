/*
 * Runs the W3C LDP test suite (org.w3:ldp-testsuite:0.1.1) with a fix for one of its bugs.
 * Not compiled by Maven: the suite jar must stay off the test classpath, so this runs in Java's
 * source-file mode inside the forked JVM, with the suite jar on its class path:
 *
 *   java --add-opens ... -cp ldp-testsuite.jar:jaxb-api.jar LdpSuiteLauncher.java --server URL --basic ...
 *
 * It takes the options of the suite's own main class (org.w3.ldp.testsuite.RunLdpTestSuite), "--name value"
 * or "--name" for a flag; a list value is comma-separated (e.g. --excludedGroups MANUAL,MAY).
 *
 * The bug: TestNG 6.8.8, bundled in the suite, keeps only one @BeforeSuite (and @AfterSuite) method per
 * method name within a class hierarchy. MemberResourceTest.setup and NonRDFSourceTest.setup, which create
 * the resources those two classes test, share their name with LdpTest.setup, so they are dropped (which
 * one survives depends on HashSet/HashMap order) and all their tests are skipped with "Skipping test
 * because test resource is null". Upstream renamed them after 0.1.1, the last release. The listener
 * below runs every dropped suite method once, as TestNG would have.
 */

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.annotations.AfterSuite;
import org.testng.annotations.BeforeSuite;
import org.testng.annotations.Parameters;
import org.w3.ldp.testsuite.LdpTestSuite;

public class LdpSuiteLauncher {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "");
        }
        // The Map constructor reads the same option names as the command line. TestNG is private in
        // LdpTestSuite and it has no option for an extra listener object, hence the reflection.
        LdpTestSuite suite = new LdpTestSuite(options);
        Field testng = LdpTestSuite.class.getDeclaredField("testng");
        testng.setAccessible(true);
        ((org.testng.TestNG) testng.get(suite)).addListener((Object) new DroppedSuiteMethods()); // both kinds
        suite.run();
        System.exit(suite.getStatus());
    }

    /** Runs the @BeforeSuite and @AfterSuite methods that TestNG dropped as duplicates. */
    public static class DroppedSuiteMethods implements ISuiteListener, IInvokedMethodListener {
        private final Set<Method> invoked = new HashSet<>();
        private ISuite suite;
        private boolean pastBeforeSuite;

        @Override
        public void onStart(ISuite suite) {
            this.suite = suite;
        }

        @Override
        public void beforeInvocation(IInvokedMethod method, ITestResult result) {
            // TestNG runs all @BeforeSuite methods first: the first other method marks the end of that phase.
            if (!pastBeforeSuite && !method.getTestMethod().isBeforeSuiteConfiguration()) {
                pastBeforeSuite = true;
                runMissing(BeforeSuite.class);
            }
        }

        @Override
        public void afterInvocation(IInvokedMethod method, ITestResult result) {
            invoked.add(method.getTestMethod().getConstructorOrMethod().getMethod());
        }

        @Override
        public void onFinish(ISuite suite) {
            runMissing(AfterSuite.class);
        }

        private void runMissing(Class<? extends Annotation> kind) {
            for (Map.Entry<Method, Object> e : suiteMethods(kind).entrySet()) {
                if (invoked.add(e.getKey())) {
                    invoke(e.getKey(), e.getValue());
                }
            }
        }

        /** Each suite method of the test classes, with a test instance that does not override it. */
        private Map<Method, Object> suiteMethods(Class<? extends Annotation> kind) {
            Map<Method, Object> methods = new LinkedHashMap<>();
            for (ITestNGMethod test : suite.getAllMethods()) {
                Object instance = test.getInstance();
                for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
                    for (Method m : c.getDeclaredMethods()) {
                        if (m.isAnnotationPresent(kind) && m.equals(mostDerived(instance, m))) {
                            methods.putIfAbsent(m, instance);
                        }
                    }
                }
            }
            return methods;
        }

        private static Method mostDerived(Object instance, Method m) {
            try {
                return instance.getClass().getMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                return null; // not public: TestNG's own rules apply, leave it alone
            }
        }

        private void invoke(Method method, Object instance) {
            Parameters names = method.getAnnotation(Parameters.class);
            Object[] values = new Object[method.getParameterCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = suite.getParameter(names.value()[i]); // null for absent @Optional parameters
            }
            System.out.println("[launcher] running " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + ", which TestNG dropped");
            try {
                method.invoke(instance, values);
            } catch (InvocationTargetException e) {
                // As for a failed configuration method: that class's tests fail or skip, the rest run.
                e.getCause().printStackTrace();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
