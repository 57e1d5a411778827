package dev.mlp4j.core.train;

import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.GoldenFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.mlp4j.core.testing.GoldenFixture.matrices;
import static dev.mlp4j.core.testing.GoldenFixture.rows;
import static dev.mlp4j.core.testing.GoldenFixture.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole training runs against testdata's golden/trajectories.json: small networks trained by an independent numpy
 * implementation (testdata/scripts/golden_trajectories.py) that draws the initial parameters and each epoch's order
 * as mlp4j does for the same seed. Given only the seed and the settings, the trainer on the reference backend must
 * reach the same parameters and report the same mean cost after every epoch. The gradient goldens prove one batch;
 * these prove what the trainer does around it: the batches it cuts, the means, L2's scale, momentum, the schedule.
 */
class GoldenTrajectoryTest {
    /**
     * The two sides add in different orders, so they part in the last bits and the gap grows a little with every
     * step (at most 20 here); it stays below 1e-14 in these runs. A wrong batch, mean or update moves values by 1e-3
     * or more.
     */
    private static final double TOLERANCE = 1e-10;
    /**
     * Java takes nextGaussian's log and square root with StrictMath and the script with the C library: the two may
     * differ in the last bit, and nothing else enters the initial parameters.
     */
    private static final double INITIAL_TOLERANCE = 1e-15;
    private static final String RESOURCE = "golden/trajectories.json";

    /** One golden run in core's types; after[e] are the parameters after epoch e + 1. */
    private record GoldenRun(String name, NetworkSpec spec, TrainingConfig config, DataSet train, Parameters initial,
                             double[] learningRates, double[] costs, Parameters[] after) {
    }

    @SuppressWarnings("unchecked")
    private static GoldenRun read(Map<String, Object> c) {
        NetworkSpec spec = GoldenFixture.spec(c);
        List<Map<String, Object>> epochs = (List<Map<String, Object>>) c.get("epochs");
        double[] rates = epochs.stream().mapToDouble(e -> (Double) e.get("learning_rate")).toArray();
        double[] costs = epochs.stream().mapToDouble(e -> (Double) e.get("training_cost")).toArray();
        Parameters[] after = epochs.stream()
                .map(e -> new Parameters(spec, matrices(e.get("weights")), vectors(e.get("biases"))))
                .toArray(Parameters[]::new);
        double[] inputs = rows(c.get("inputs"));
        float[] floats = new float[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            floats[i] = (float) inputs[i]; // exact: the script rounded them to float32
        }
        int[] labels = ((List<Object>) c.get("labels")).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
        DataSet train = DataSet.classification("golden", spec.inputSize(), spec.outputSize(), floats, labels);
        TrainingConfig config = TrainingConfig.builder()
                .setEpochs(rates.length)
                .setBatchSize(((Double) c.get("batch")).intValue())
                .setLearningRate((epoch, lastCost) -> rates[epoch], "golden schedule")
                .optMomentum((Double) c.get("momentum"))
                .optL2((Double) c.get("l2"))
                .optInit(WeightInit.fromId((String) c.get("init")))
                .optSeed(((Double) c.get("seed")).longValue())
                .build();
        Parameters initial = new Parameters(spec, matrices(c.get("initial_weights")), vectors(c.get("initial_biases")));
        return new GoldenRun((String) c.get("name"), spec, config, train, initial, rates, costs, after);
    }

    private static Stream<GoldenRun> runs() {
        return GoldenFixture.cases(RESOURCE).stream().map(GoldenTrajectoryTest::read);
    }

    private static void assertParametersClose(Parameters expected, Parameters actual, double tolerance, String what) {
        NetworkSpec spec = expected.spec();
        for (int l = 0; l < spec.depth(); l++) {
            GoldenFixture.assertRowsClose(expected.weights(l), actual.weights(l), spec.size(l), tolerance, what + " weights[" + l + "]");
            GoldenFixture.assertEntriesClose(expected.biases(l), actual.biases(l), tolerance, what + " biases[" + l + "]");
        }
    }

    /** Records each epoch's result and parameters. */
    private static final class Recorder implements TrainingListener {
        final List<EpochResult> results = new ArrayList<>();
        final List<Parameters> parameters = new ArrayList<>();

        @Override
        public boolean wantsState() {
            return true;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            results.add(result);
        }

        @Override
        public void onEpochState(TrainingState state) {
            parameters.add(state.parameters());
        }
    }

    @Test
    void the_fixture_holds_short_batches_momentum_l2_and_a_changing_rate() {
        List<GoldenRun> all = runs().toList();
        assertTrue(all.size() >= 3, "only " + all.size() + " golden runs");
        assertTrue(all.stream().anyMatch(r -> r.train().size() % r.config().batchSize() != 0), "no run ends on a short batch");
        assertTrue(all.stream().anyMatch(r -> r.config().momentum() > 0), "no run with momentum");
        assertTrue(all.stream().anyMatch(r -> r.config().l2() > 0), "no run with L2");
        assertTrue(all.stream().anyMatch(r -> r.learningRates()[0] != r.learningRates()[r.learningRates().length - 1]),
                "no run whose learning rate changes");
    }

    @TestFactory
    Stream<DynamicTest> the_seed_draws_the_initial_parameters_the_script_drew() {
        return runs().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Parameters drawn = r.config().init().initialise(r.spec(), new Random(r.config().seed()));
            assertParametersClose(r.initial(), drawn, INITIAL_TOLERANCE, r.name() + " initial");
        }));
    }

    @TestFactory
    Stream<DynamicTest> training_follows_the_independent_run_epoch_by_epoch() {
        return runs().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Recorder recorder = new Recorder();
            Trainer trainer = new Trainer(r.config());
            trainer.addListener(recorder);
            Parameters initial = r.config().init().initialise(r.spec(), new Random(r.config().seed()));
            TrainingResult result;
            try (ReferenceBackend backend = new ReferenceBackend(r.spec())) {
                result = trainer.train(backend, initial, new TrainingData(r.train(), null, null));
            }
            assertEquals(TrainingResult.StopReason.COMPLETED, result.stop(), result.message());
            assertEquals(r.after().length, recorder.parameters.size(), "epochs recorded");
            for (int e = 0; e < r.after().length; e++) {
                String epoch = r.name() + " after epoch " + (e + 1);
                EpochResult reported = recorder.results.get(e);
                assertEquals(r.learningRates()[e], reported.learningRate(), epoch + ": learning rate");
                GoldenFixture.assertClose(r.costs()[e], reported.trainingCost(), TOLERANCE, epoch + ": mean training cost");
                assertParametersClose(r.after()[e], recorder.parameters.get(e), TOLERANCE, epoch + ":");
            }
            assertEquals(recorder.parameters.get(r.after().length - 1), result.parameters(), "the run's result is its last epoch");
        }));
    }
}
