package io.github.specpipeline.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Work in a thread of its own, or later in the caller's: the same outcome either way. */
class BackgroundTest {

    static Stream<Arguments> ways() {
        Function<Callable<String>, Background<String>> started = w -> Background.start("test-background", w);
        Function<Callable<String>, Background<String>> later = Background::later;
        return Stream.of(Arguments.of("started", started), Arguments.of("later", later));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void theResultOrTheExceptionIsTheWorks(String way, Function<Callable<String>, Background<String>> make)
            throws IOException {
        assertThat(make.apply(() -> "done").get()).isEqualTo("done");
        assertThat(make.apply(() -> "done").getOrThrow()).isEqualTo("done");

        IOException io = new IOException("disk full");
        assertThatThrownBy(() -> make.apply(() -> {
                            throw io;
                        })
                        .getOrThrow())
                .isSameAs(io);
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        assertThatThrownBy(() -> make.apply(() -> {
                            throw bug;
                        })
                        .get())
                .isSameAs(bug);
        assertThatThrownBy(() -> make.apply(() -> {
                            throw io;
                        })
                        .get())
                .isInstanceOf(IllegalStateException.class)
                .hasCause(io);
    }

    @Test
    void laterRunsInTheThreadThatAsksAndOnlyOnce() {
        AtomicInteger runs = new AtomicInteger();
        Background<String> work = Background.later(() -> {
            runs.incrementAndGet();
            return Thread.currentThread().getName();
        });

        assertThat(runs).hasValue(0);
        assertThat(work.get()).isEqualTo(Thread.currentThread().getName());
        assertThat(work.get()).isEqualTo(Thread.currentThread().getName());
        assertThat(runs).hasValue(1);
    }

    /** A caller leaving after another failure must not wait for work nobody will run (it hung the export). */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void awaitQuietlyDoesNotRunOrWaitForWorkNotStarted() {
        AtomicInteger runs = new AtomicInteger();
        Background<Object> work = Background.later(() -> runs.incrementAndGet());

        work.awaitQuietly();

        assertThat(runs).hasValue(0);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void awaitQuietlyWaitsForStartedWorkAndIgnoresItsFailure() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Background<Object> work = Background.start("test-background", () -> {
            running.countDown();
            Thread.sleep(200);
            finished.incrementAndGet();
            throw new UncheckedIOException(new IOException("the other failure"));
        });
        if (Runtime.getRuntime().availableProcessors() > 1) {
            running.await();
        }

        work.awaitQuietly();

        assertThat(finished).hasValue(Runtime.getRuntime().availableProcessors() > 1 ? 1 : 0);
    }
}
