package dev.mlp4j.core.reliability;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.Evaluation;
import dev.mlp4j.core.train.Evaluator;
import dev.mlp4j.core.train.Trainer;
import dev.mlp4j.core.train.TrainingConfig;
import dev.mlp4j.core.train.TrainingData;
import dev.mlp4j.core.train.TrainingHandle;
import dev.mlp4j.core.train.TrainingListener;
import dev.mlp4j.core.train.TrainingResult;
import dev.mlp4j.core.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training in the background through {@link TrainingHandle} while other threads read its progress, evaluate the
 * parameter snapshots it publishes, and cancel it. Progress must be a consistent, monotonic view; a published
 * snapshot must be exactly the parameters after its epoch (bit for bit what a single-threaded run has there) and
 * must never change afterwards.
 */
class TrainingConcurrencyTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 16, 16, 1);
    private static final Examples.TrainTest DATA = Examples.circle(11, 700, 200);
    private static final int EPOCHS = 250;
    private static final int BATCH = 5;
    private static final int BATCHES = 140;

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(BATCH).setLearningRate(0.3).optMomentum(0.5).optSeed(11).build();
    }

    private static Parameters initial() {
        return config(1).init().initialise(SPEC, new Random(11));
    }

    private static TrainingData data() {
        return new TrainingData(DATA.train(), null, DATA.test());
    }

    /** Publishes each epoch's state, as a UI or a checkpointer would receive it. */
    static final class Publisher implements TrainingListener {
        final AtomicReference<TrainingState> latest = new AtomicReference<>();

        @Override
        public boolean wantsState() {
            return true;
        }

        @Override
        public void onEpochState(TrainingState state) {
            latest.set(state);
        }
    }

    /**
     * Holds each epoch's end until the readers have read the progress a few more times (at most a second), so that
     * on a busy machine training cannot finish before the readers have run: what the test counts then depends on
     * the interleaving it means to try, not on how many cores are free.
     */
    static final class ReaderPacer implements TrainingListener {
        private final AtomicInteger reads;
        private final int readsPerEpoch;

        ReaderPacer(AtomicInteger reads, int readsPerEpoch) {
            this.reads = reads;
            this.readsPerEpoch = readsPerEpoch;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (reads.get() < result.epoch() * readsPerEpoch && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }

    /** Parameters after every epoch of a run on this thread alone. */
    private static Map<Integer, Parameters> reference() {
        Map<Integer, Parameters> byEpoch = new HashMap<>();
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            new Trainer(config(EPOCHS)).addListener(new TrainingListener() {
                @Override
                public boolean wantsState() {
                    return true;
                }

                @Override
                public void onEpochState(TrainingState s) {
                    byEpoch.put(s.epochsDone(), s.parameters());
                }
            }).train(backend, initial(), data());
        }
        return byEpoch;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks one progress reading against the previous one; returns the problem or null. */
    static String progressProblem(TrainingHandle.Progress previous, TrainingHandle.Progress now, int epochs) {
        double f = now.fraction();
        if (!(f >= 0 && f <= 1)) {
            return "fraction " + f;
        }
        if (now.epoch() < previous.epoch() || (now.epoch() == previous.epoch() && now.batch() < previous.batch())) {
            return "went back from " + previous + " to " + now;
        }
        if (now.fraction() < previous.fraction()) {
            return "fraction went back from " + previous.fraction() + " to " + now.fraction();
        }
        if (now.epoch() > 0 && (now.epochs() != epochs || now.batchesPerEpoch() != BATCHES || now.batch() < 1 || now.batch() > BATCHES)) {
            return "inconsistent " + now;
        }
        EpochResult last = now.lastEpoch();
        if (last != null && last.epoch() != now.epoch() && last.epoch() != now.epoch() - 1) {
            return "last epoch " + last.epoch() + " with progress at epoch " + now.epoch();
        }
        return null;
    }

    @Test
    void readers_on_several_threads_see_monotonic_progress_and_untorn_snapshots_while_training_runs() throws Exception {
        Map<Integer, Parameters> reference = reference();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Publisher publisher = new Publisher();
            AtomicInteger progressReads = new AtomicInteger();
            Trainer trainer = new Trainer(config(EPOCHS)).addListener(publisher).addListener(new ReaderPacer(progressReads, 5));
            ReferenceBackend backend = new ReferenceBackend(SPEC);
            TrainingHandle handle = TrainingHandle.start(trainer, backend, initial(), data());
            AtomicReference<String> problem = new AtomicReference<>();
            AtomicInteger snapshotChecks = new AtomicInteger();
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(new Thread(() -> {
                    TrainingHandle.Progress previous = handle.progress();
                    while (!handle.isDone() && problem.get() == null) {
                        TrainingHandle.Progress now = handle.progress();
                        String p = progressProblem(previous, now, EPOCHS);
                        if (p != null) {
                            problem.compareAndSet(null, p);
                        }
                        previous = now;
                        progressReads.incrementAndGet();
                        Thread.yield();
                    }
                }, "progress-reader-" + t));
            }
            for (int t = 0; t < 2; t++) {
                readers.add(new Thread(() -> {
                    int lastChecked = 0;
                    try (ReferenceBackend evaluator = new ReferenceBackend(SPEC)) {
                        while (!handle.isDone() && problem.get() == null) {
                            TrainingState s = publisher.latest.get();
                            if (s == null || s.epochsDone() == lastChecked) {
                                sleep(1);
                                continue;
                            }
                            lastChecked = s.epochsDone();
                            Parameters expected = reference.get(s.epochsDone());
                            if (!expected.equals(s.parameters())) {
                                problem.compareAndSet(null, "snapshot of epoch " + s.epochsDone() + " differs from the single-threaded run");
                            }
                            evaluator.setParameters(s.parameters());
                            Evaluation e = Evaluator.evaluate(evaluator, DATA.test());
                            if (!Double.isFinite(e.cost()) || !(e.accuracy() >= 0 && e.accuracy() <= 1)) {
                                problem.compareAndSet(null, "evaluation of epoch " + s.epochsDone() + ": " + e);
                            }
                            // Training has gone on meanwhile; the snapshot must not have moved with it.
                            if (!expected.equals(s.parameters())) {
                                problem.compareAndSet(null, "snapshot of epoch " + s.epochsDone() + " changed after it was published");
                            }
                            snapshotChecks.incrementAndGet();
                        }
                    }
                }, "snapshot-evaluator-" + t));
            }
            readers.forEach(Thread::start);
            TrainingResult result = handle.get(60, TimeUnit.SECONDS);
            for (Thread t : readers) {
                t.join();
            }
            assertNull(problem.get());
            assertEquals(TrainingResult.StopReason.COMPLETED, result.stop());
            assertEquals(reference.get(EPOCHS), result.parameters(), "the background run ends where a plain run does");
            TrainingHandle.Progress end = handle.progress();
            assertEquals(EPOCHS, end.epoch());
            assertEquals(1.0, end.fraction());
            assertTrue(progressReads.get() > 1000, "progress read only " + progressReads + " times");
            assertTrue(snapshotChecks.get() >= 3, "snapshots checked only " + snapshotChecks + " times");
        });
    }

    @Test
    void cancelling_from_several_threads_at_random_moments_ends_the_run_cleanly() throws Exception {
        Map<Integer, Parameters> reference = reference();
        Random random = new Random(5);
        for (int round = 0; round < 6; round++) {
            int delay = random.nextInt(400);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Publisher publisher = new Publisher();
                Trainer trainer = new Trainer(config(EPOCHS)).addListener(publisher);
                TrainingHandle handle = TrainingHandle.start(trainer, new ReferenceBackend(SPEC), initial(), data());
                AtomicReference<String> problem = new AtomicReference<>();
                AtomicBoolean stop = new AtomicBoolean();
                Thread reader = new Thread(() -> {
                    TrainingHandle.Progress previous = handle.progress();
                    while (!stop.get()) {
                        TrainingHandle.Progress now = handle.progress();
                        String p = progressProblem(previous, now, EPOCHS);
                        if (p != null) {
                            problem.compareAndSet(null, p);
                        }
                        previous = now;
                        Thread.yield();
                    }
                });
                reader.start();
                Thread.sleep(delay);
                List<Thread> cancellers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    Thread c = new Thread(handle::cancel);
                    cancellers.add(c);
                    c.start();
                }
                for (Thread c : cancellers) {
                    c.join();
                }
                TrainingResult r = handle.get(30, TimeUnit.SECONDS);
                TrainingHandle.Progress atEnd = handle.progress();
                Thread.sleep(20);
                assertEquals(atEnd, handle.progress(), "progress moved after the run ended");
                stop.set(true);
                reader.join();
                assertNull(problem.get());
                assertTrue(r.stop() == TrainingResult.StopReason.CANCELLED || r.stop() == TrainingResult.StopReason.COMPLETED, r.message());
                assertNull(r.parameters().firstNonFinite());
                int epochs = r.history().size();
                if (r.message().startsWith("Training cancelled after epoch") || r.stop() == TrainingResult.StopReason.COMPLETED) {
                    assertEquals(reference.get(epochs), r.parameters(), r.message());
                }
                TrainingState last = publisher.latest.get();
                if (last != null) {
                    assertEquals(reference.get(last.epochsDone()), last.parameters());
                }
            });
        }
    }

    @Test
    void progress_between_the_start_and_the_first_batch_is_zero_not_negative() {
        assertEquals(0.0, new TrainingHandle.Progress(0, 0, BATCHES, EPOCHS, null).fraction());
        assertEquals(0.0, new TrainingHandle.Progress(0, 0, 0, 0, null).fraction());
        assertEquals(1.0 / (EPOCHS * BATCHES), new TrainingHandle.Progress(1, 1, BATCHES, EPOCHS, null).fraction(), 1e-15);
        assertEquals(1.0, new TrainingHandle.Progress(EPOCHS, BATCHES, BATCHES, EPOCHS, null).fraction());
    }

    @Test
    void a_listener_failing_on_the_training_thread_surfaces_through_the_handle() throws Exception {
        IllegalStateException boom = new IllegalStateException("listener failed");
        Trainer trainer = new Trainer(config(EPOCHS)).addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult r) {
                if (r.epoch() == 2) {
                    throw boom;
                }
            }
        });
        TrainingHandle handle = TrainingHandle.start(trainer, new ReferenceBackend(SPEC), initial(), data());
        ExecutionException e = assertThrows(ExecutionException.class, () -> handle.get(30, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
        assertTrue(handle.isDone());
        assertEquals(2, handle.progress().epoch());
    }
}
