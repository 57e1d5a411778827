package dev.mlp4j.cli;

import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a training run writes: the model (--save), the report folder (--report) and the checkpoint folder (--checkpoint,
 * or the --resume folder when no other is given). Holds the run's lock on its checkpoint folder until {@link #close()}.
 */
final class RunOutputs implements AutoCloseable {
    /** The names a checkpoint writes in its folder. */
    private static final List<String> CHECKPOINT_FILES =
            List.of(CheckpointFile.FILE_NAME, CheckpointWriter.MODEL_FILE, CheckpointLock.FILE_NAME);

    private final Path save;
    private final String saveGiven;
    private final Path report;
    private final Path checkpoint;
    private final Path checkpointDir;
    private final Path resume;
    private final boolean freshFolder;

    /** The run's hold on its checkpoint folder, taken after the first check (a fresh folder is checked again under it), held until the run ends. */
    private CheckpointLock lock;

    /** {@code saveGiven}: the text --save was given as, before it became a Path (which drops a final slash). */
    RunOutputs(Path save, String saveGiven, Path report, Path checkpoint, Path resume) {
        this.save = save;
        this.saveGiven = saveGiven;
        this.report = report;
        this.checkpoint = checkpoint;
        this.checkpointDir = checkpoint != null ? checkpoint : resume;
        this.resume = resume;
        this.freshFolder = checkpoint != null && !sameFolder(checkpoint, resume);
    }

    /** Compared as absolute, normalised paths: {@code --resume ck --checkpoint ./ck} goes on in the same folder. */
    private static boolean sameFolder(Path a, Path b) {
        return b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Refuses outputs the run could not write, and takes the checkpoint folder's lock. */
    void checkAndLock() {
        if (freshFolder) {
            Resumption.checkFreshFolder(checkpoint);
        } else if (checkpointDir != null) {
            Resumption.checkResumedFolder(checkpointDir);
        }
        OutputPaths.checkFolder("--report", report);
        OutputPaths.checkFilesIn("--report", report, "the report", ReportWriter.ALL);
        // A --save path that cannot take a file is refused before training, so no finished run is lost to a typo.
        OutputPaths.checkFile("--save", save, saveGiven);
        String checkpointOption = freshFolder ? "--checkpoint" : "--resume";
        new OutputCollisions().file("--save", save).folder("--report", report, ReportWriter.ALL)
                .folder(checkpointOption, checkpointDir, CHECKPOINT_FILES).check();
        if (checkpointDir != null) {
            OutputPaths.checkFilesIn(checkpointOption, checkpointDir, "the checkpoint", CHECKPOINT_FILES);
            lock = CheckpointLock.take(checkpointDir);
            if (freshFolder) {
                // Again under the lock: another run may have written its first checkpoint there since the check above.
                Resumption.checkFreshFolder(checkpoint);
            }
        }
    }

    /** The model file, or null. */
    Path save() {
        return save;
    }

    /** The report folder, or null. */
    Path report() {
        return report;
    }

    /** The folder checkpoints go to, or null. */
    Path checkpointDir() {
        return checkpointDir;
    }

    /** Whether the run checkpoints into the folder it resumed from. */
    boolean resumesInPlace() {
        return checkpointDir != null && !freshFolder && sameFolder(checkpointDir, resume);
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }
}
