package dev.mlp4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlp4j.cli.CliRun;
import dev.mlp4j.core.io.ModelFile;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --patience stops a run that no longer improves and keeps the best epoch's model, not the last one. */
class EarlyStoppingTest {

    @Test
    void the_saved_model_is_the_best_epochs_not_the_last(@TempDir Path dir) throws Exception {
        Path best = dir.resolve("best.json");
        Path ck = dir.resolve("ck");
        // On circle (no validation set) the score is the training cost, which stops improving after a few epochs at lr 3.
        CliRun r = CliRun.of("train", "--example", "circle", "--backend", "core", "--epochs", "40", "--patience", "3",
                "--save", best.toString(), "--checkpoint", ck.toString(), "--no-progress", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = r.json();
        assertEquals("early_stopped", json.get("stop").asText());
        int trained = json.get("epochs").asInt();
        int kept = json.get("keptEpoch").asInt();
        assertEquals(trained - 3, kept, "stops 3 epochs after the best");
        assertTrue(r.out().contains("keeping epoch " + kept), r.out());

        // Patience does not change the trajectory, so a run of exactly `kept` epochs ends on the best epoch's parameters.
        Path exact = dir.resolve("exact.json");
        CliRun shorter = CliRun.of("train", "--example", "circle", "--backend", "core", "--epochs", Integer.toString(kept),
                "--save", exact.toString(), "--no-progress", "--json");
        assertEquals(0, shorter.exitCode(), shorter.err());
        assertEquals(ModelFile.load(exact).parameters(), ModelFile.load(best).parameters());
        assertEquals(shorter.json().get("testAccuracy").asDouble(), json.get("testAccuracy").asDouble());

        // The checkpoint's model is the best one too, while its state holds the last epoch's parameters.
        assertEquals(ModelFile.load(best).parameters(), ModelFile.load(ck.resolve("model.json")).parameters());
        assertNotEquals(ModelFile.load(best).parameters(), CheckpointFile.load(ck).state().parameters());
        assertEquals(ModelFile.load(best).parameters(), CheckpointFile.load(ck).state().best());

        CliRun resume = CliRun.of("train", "--resume", ck.toString(), "--epochs", "50", "--no-progress");
        assertEquals(2, resume.exitCode());
        assertTrue(resume.err().contains("already stopped early after epoch " + trained), resume.err());
        // Circle has no validation set: the refusal gives the same reason the run stopped for.
        assertTrue(resume.err().contains("(no lower training cost for 3 epochs)"), resume.err());
    }
}
