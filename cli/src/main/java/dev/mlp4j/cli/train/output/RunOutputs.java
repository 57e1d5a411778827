package dev.mlp4j.cli.train.output;

import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.report.ReportWriter;
import dev.mlp4j.cli.train.checkpoint.CheckpointWriter;
import dev.mlp4j.cli.train.Resumption;
import dev.mlp4j.core.train.checkpoint.CheckpointFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a training run writes: the model (--save), the report folder (--report) and the checkpoint folder (--checkpoint,
 * or the --resume folder when no other is given). Holds the run's locks on them until {@link #close()}: no other run
 * writes the same model file, report folder or checkpoint folder meanwhile, or a file of one of them.
 */
public final class RunOutputs implements AutoCloseable {
    /** The names a checkpoint writes in its folder. */
    private static final List<String> CHECKPOINT_FILES =
            List.of(CheckpointFile.FILE_NAME, CheckpointWriter.MODEL_FILE, CheckpointLock.FILE_NAME);
    /** The lock file a run holds in its report folder. */
    static final String REPORT_LOCK = "report.lock";
    /** The names a report writes in its folder. */
    private static final List<String> REPORT_FILES = Stream.concat(ReportWriter.ALL.stream(), Stream.of(REPORT_LOCK)).toList();
    /** What is added to the --save file's name to name the lock file beside it. */
    static final String SAVE_LOCK_SUFFIX = ".lock";
    /** The longest file name most file systems take, in bytes. */
    private static final int MAX_NAME_BYTES = 255;

    private final Path save;
    private final String saveGiven;
    private final Path report;
    private final Path checkpoint;
    private final Path checkpointDir;
    private final Path resume;
    private final boolean freshFolder;

    /** The run's hold on its checkpoint folder, taken after the first check (a fresh folder is checked again under it), held until the run ends. */
    private CheckpointLock lock;
    /** The run's holds on its report folder and its --save file, held until the run ends. */
    private final List<OutputLock> outputLocks = new ArrayList<>();

    /** {@code saveGiven}: the text --save was given as, before it became a Path (which drops a final slash). */
    public RunOutputs(Path save, String saveGiven, Path report, Path checkpoint, Path resume) {
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
    public void checkAndLock() {
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
        new OutputCollisions().file("--save", save).folder("--report", report, REPORT_FILES)
                .folder(checkpointOption, checkpointDir, CHECKPOINT_FILES).check();
        if (checkpointDir != null) {
            OutputPaths.checkFilesIn(checkpointOption, checkpointDir, "the checkpoint", CHECKPOINT_FILES);
            lock = CheckpointLock.take(checkpointDir);
            if (freshFolder) {
                // Again under the lock: another run may have written its first checkpoint there since the check above.
                Resumption.checkFreshFolder(checkpoint);
            }
        }
        lockReportAndSave();
        // Checked once this run holds its own locks: of two runs that start together, at least one sees the other's.
        new OtherRunLocks(save, report, REPORT_FILES, checkpointDir, CHECKPOINT_FILES).check(checkpointOption);
    }

    private void lockReportAndSave() {
        if (report != null) {
            Path file = OutputCollisions.resolved(report).resolve(REPORT_LOCK);
            outputLocks.add(OutputLock.take(file, "Another mlp4j run is writing its report to " + report
                    + " now; wait for it to end, or give this run another --report folder.", "give another --report folder"));
        }
        if (save != null) {
            Path file = saveLock(save);
            outputLocks.add(OutputLock.take(file, "Another mlp4j run will save its model to " + save
                    + "; wait for it to end, or give this run another --save file.", "give another --save file"));
        }
    }

    /**
     * The lock file beside the file a --save writes (beside the file a link points to, which is the one replaced):
     * FILE.lock, or a name made from a digest of FILE's where FILE.lock would pass the 255 bytes file systems allow.
     */
    static Path saveLock(Path save) {
        Path file = OutputCollisions.resolved(save);
        String name = file.getFileName().toString();
        String lockName = name + SAVE_LOCK_SUFFIX;
        if (lockName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            lockName = ".mlp4j-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + SAVE_LOCK_SUFFIX;
        }
        return file.resolveSibling(lockName);
    }

    /** The model file, or null. */
    public Path save() {
        return save;
    }

    /** The report folder, or null. */
    public Path report() {
        return report;
    }

    /** The folder checkpoints go to, or null. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** Whether the run checkpoints into the folder it resumed from. */
    public boolean resumesInPlace() {
        return checkpointDir != null && !freshFolder && sameFolder(checkpointDir, resume);
    }

    @Override
    public void close() {
        outputLocks.forEach(OutputLock::close);
        if (lock != null) {
            lock.close();
        }
    }
}
