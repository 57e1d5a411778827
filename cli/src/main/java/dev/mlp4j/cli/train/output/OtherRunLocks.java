package dev.mlp4j.cli.train.output;

import dev.mlp4j.core.InvalidInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * Refuses outputs of a run that another run, by the locks it holds, writes now under another option: a --save file
 * that another run's checkpoint or report writes in its folder (e.g. {@code --save ck/model.json} while another run
 * checkpoints to ck), or a checkpoint or report folder that holds the file another run will save its model to. The
 * same option given to two runs is refused by the lock itself ({@link CheckpointLock}, {@link OutputLock}).
 *
 * @param reportFiles     the names a report writes in its folder
 * @param checkpointFiles the names a checkpoint writes in its folder
 */
record OtherRunLocks(Path save, Path report, List<String> reportFiles, Path checkpointDir, List<String> checkpointFiles) {

    /** @param checkpointOption the option that named the checkpoint folder, --checkpoint or --resume */
    void check(String checkpointOption) {
        if (save != null) {
            Path file = OutputCollisions.resolved(save);
            String name = file.getFileName().toString();
            Path folder = file.getParent();
            Path shown = save.getParent() != null ? save.getParent() : Path.of(".");
            if (checkpointFiles.contains(name) && OutputLock.heldByAnother(folder.resolve(CheckpointLock.FILE_NAME))) {
                throw new InvalidInputException("Another mlp4j run is writing its checkpoints to " + shown + ", which include "
                        + save + "; wait for it to end, or give --save another file.");
            }
            if (reportFiles.contains(name) && OutputLock.heldByAnother(folder.resolve(RunOutputs.REPORT_LOCK))) {
                throw new InvalidInputException("Another mlp4j run is writing its report to " + shown + ", which includes "
                        + save + "; wait for it to end, or give --save another file.");
            }
        }
        checkFolder(report, reportFiles, "--report", "the report");
        checkFolder(checkpointDir, checkpointFiles, checkpointOption, "the checkpoint");
    }

    private static void checkFolder(Path dir, List<String> names, String option, String what) {
        if (dir == null) {
            return;
        }
        for (String name : names) {
            Path file = dir.resolve(name);
            if (OutputLock.heldByAnother(RunOutputs.saveLock(file))) {
                throw new InvalidInputException("Another mlp4j run will save its model to " + file + ", a file " + what
                        + " writes; wait for it to end, or give this run another " + option + " folder.");
            }
        }
    }
}
