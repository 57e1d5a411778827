package dev.mlp4j.cli.train;

import dev.mlp4j.core.train.EpochResult;
import dev.mlp4j.core.train.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** The "training" record a saved model carries: how it was trained and how well it did, for the record only. */
public final class ModelRecord {
    private ModelRecord() {
    }

    /**
     * @param data   what the run read, as {@link DataChoice.Loaded#dataset()} names it
     * @param epochs the epochs trained
     * @param kept   the epoch whose parameters the model holds, or null
     */
    public static Map<String, Object> of(TrainingConfig c, String data, String backend, int epochs, EpochResult kept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", c.batchSize());
        m.put("learningRate", c.learningRateText());
        m.put("momentum", c.momentum());
        m.put("l2", c.l2());
        m.put("dropout", c.dropout());
        m.put("init", c.init().id());
        m.put("seed", c.seed());
        m.put("data", data);
        m.put("backend", backend);
        if (kept != null && kept.test() != null && Double.isFinite(kept.test().accuracy())) {
            m.put("testAccuracy", kept.test().accuracy());
        }
        return m;
    }
}
