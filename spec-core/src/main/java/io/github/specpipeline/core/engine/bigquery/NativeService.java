package io.github.specpipeline.core.engine.bigquery;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM's one connection to GoogleSQL's native engine. ZetaSQL's Java API talks gRPC to a local service that its
 * JNI library runs in-process; the library is unpacked from the jar and loaded the first time a class needs it, and
 * the channel's Netty threads then stay for the life of the JVM. Here the library is loaded once with the reason
 * kept when it cannot be, and the channel is closed when the last engine closes, so a Maven goal leaves no
 * threads behind (Maven's isolated class loaders report threads that outlive a goal).
 */
final class NativeService {
    /** The ZetaSQL release on the class path, for messages. */
    static final String VERSION = "2024.11.1";

    /**
     * ZetaSQL's own setting for where its library is inside the jar; a wrong value makes loading fail as it would on
     * an unsupported platform.
     */
    static final String LIBRARY_PATH_PROPERTY = "zetasql.local_service.path";

    /**
     * Test-only switch: set to {@code true}, the native engine is treated as unable to start, as on Windows or another
     * CPU, so that tests and invoker ITs can see how validation falls back without GoogleSQL.
     */
    static final String SIMULATE_UNAVAILABLE = "specpipeline.internal.simulateNoGoogleSql";

    /** gRPC warns through java.util.logging that it has no DNS resolver; the in-process channel needs none. */
    private static final Logger GRPC_LOG = Logger.getLogger("com.google.zetasql.io.grpc");

    private static int openEngines;
    private static String unavailable;

    private NativeService() {}

    /** Counts an engine as open, connecting to the native engine first if needed. */
    static synchronized void acquire() throws EngineUnavailableException {
        if (Boolean.getBoolean(SIMULATE_UNAVAILABLE)) {
            throw new EngineUnavailableException("GoogleSQL's engine (ZetaSQL " + VERSION
                    + ") is not available: simulated with -D" + SIMULATE_UNAVAILABLE + "=true");
        }
        if (unavailable != null) {
            throw new EngineUnavailableException(unavailable);
        }
        Optional<String> platform = unsupportedPlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (platform.isPresent() && System.getProperty(LIBRARY_PATH_PROPERTY) == null) {
            unavailable = platform.get();
            throw new EngineUnavailableException(unavailable);
        }
        GRPC_LOG.setLevel(Level.SEVERE);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the channel is found with ServiceLoader on the context class loader; in a Maven plugin that is not
        // necessarily the loader that holds ZetaSQL
        thread.setContextClassLoader(NativeService.class.getClassLoader());
        try {
            com.google.zetasql.LanguageOptions.class.getName();
            new com.google.zetasql.SimpleCatalog("probe")
                    .addZetaSQLFunctions(new com.google.zetasql.ZetaSQLBuiltinFunctionOptions());
        } catch (LinkageError | ServiceConfigurationError | RuntimeException e) {
            // the JNI channel's static initializer fails: ServiceLoader wraps it in a ServiceConfigurationError
            unavailable = "GoogleSQL's engine (ZetaSQL " + VERSION + ") could not start on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + reason(e);
            throw new EngineUnavailableException(unavailable);
        } finally {
            thread.setContextClassLoader(previous);
        }
        openEngines++;
    }

    /** Counts an engine as closed; the last one closes the channel and its threads. */
    static synchronized void release() {
        openEngines--;
        if (openEngines == 0) {
            closeChannel();
        }
    }

    /**
     * Why the native engine cannot run on this platform: its library is built for Linux and macOS on x86-64 only.
     */
    static Optional<String> unsupportedPlatform(String osName, String osArch) {
        String os = osName == null ? "" : osName;
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        boolean osOk = os.equals("Linux") || os.equals("Mac OS X");
        boolean archOk = arch.equals("x86_64") || arch.equals("amd64");
        if (osOk && archOk) {
            return Optional.empty();
        }
        return Optional.of("GoogleSQL's engine (ZetaSQL " + VERSION + ") is not available on " + os + "/" + osArch
                + ": its native library is built for Linux and macOS on x86-64 only");
    }

    /** The innermost message of a failure to load, for one line. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    /**
     * Shuts down the gRPC channel ZetaSQL keeps in {@code Client.stub} and the Netty event loop of
     * {@code JniChannelProvider}, and forgets both so that the next engine makes new ones. ZetaSQL has no API for
     * this; if its internals differ, the threads are left running (they are daemon threads).
     */
    private static void closeChannel() {
        try {
            Class<?> client = Class.forName("com.google.zetasql.Client");
            Field stubField = client.getDeclaredField("stub");
            stubField.setAccessible(true);
            Object stub = stubField.get(null);
            if (stub != null) {
                Method getChannel = stub.getClass().getMethod("getChannel");
                getChannel.setAccessible(true);
                Object channel = getChannel.invoke(stub);
                Method shutdownNow = channel.getClass().getMethod("shutdownNow");
                shutdownNow.setAccessible(true);
                shutdownNow.invoke(channel);
                Method await = channel.getClass().getMethod("awaitTermination", long.class, TimeUnit.class);
                await.setAccessible(true);
                await.invoke(channel, 5L, TimeUnit.SECONDS);
                stubField.set(null, null);
            }
            Class<?> provider = Class.forName("com.google.zetasql.JniChannelProvider");
            Field loopField = provider.getDeclaredField("eventLoop");
            loopField.setAccessible(true);
            Object loop = loopField.get(null);
            if (loop instanceof io.netty.channel.EventLoopGroup group) {
                group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
                loopField.set(null, null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the threads stay; they are daemon threads and do not keep the JVM alive
        }
    }
}
