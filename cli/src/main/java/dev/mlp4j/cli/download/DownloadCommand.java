package dev.mlp4j.cli.download;

import dev.mlp4j.cli.ExitCodes;
import dev.mlp4j.cli.JsonOutput;
import dev.mlp4j.cli.UsageException;
import dev.mlp4j.cli.options.CommonOptions;
import dev.mlp4j.cli.options.OptionWords;
import dev.mlp4j.cli.options.OutputPaths;
import dev.mlp4j.cli.options.ProgressOption;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.DataFolder;
import dev.mlp4j.core.data.DataHome;
import dev.mlp4j.core.data.DataLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fetch the four files of MNIST or Fashion-MNIST from public mirrors, checking each against its published checksum.",
                "Files already there with the right checksum are kept; an interrupted download continues where it stopped."})
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist", description = "mnist or fashion-mnist. Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to put the files. Default: MLP4J_DATA if set, else ~/.mlp4j/data/mnist (or ~/.mlp4j/data/fashion-mnist), where train looks.")
    Path dir;

    @Option(names = "--mirror", paramLabel = "URL", description = "A mirror to fetch from instead of the known ones (repeatable, tried in order).")
    List<String> mirrors = new ArrayList<>();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DataLocator.Dataset which;
        try {
            which = DataLocator.Dataset.fromId(dataset);
        } catch (InvalidInputException e) {
            throw new UsageException(OptionWords.sentence(e), e);
        }
        DatasetSource source = DatasetSource.of(which);
        if (!mirrors.isEmpty()) {
            source = source.withMirrors(mirrors.stream().map(DownloadCommand::mirror).toList());
        }
        Path target = (dir != null ? dir : defaultDir(which)).toAbsolutePath().normalize();
        // Said before anything is fetched: a folder that cannot take the files would waste the download.
        OutputPaths.checkFolder(dir != null ? "--dir" : "The download folder", target);
        // Also before anything is fetched: a folder or FIFO under a file's name would fail (or be replaced) only after
        // the transfer, and another data set's complete files look like damaged copies that download replaces.
        String obstacle = TargetFolder.obstacle(source, DatasetSource.othersThan(which), target, "--dir");
        if (obstacle != null) {
            throw new UsageException(obstacle);
        }
        out.println(which.id() + " into " + target);
        out.flush();
        List<Map<String, Object>> files = new ArrayList<>();
        try (Downloader downloader = new Downloader(Timeouts.standard(), progress.display(spec.commandLine().getErr()))) {
            for (RemoteFile f : source.files()) {
                FetchResult r;
                try {
                    r = downloader.fetch(f, source.mirrors(), target);
                } catch (IOException e) {
                    throw OutputPaths.failure("Cannot download " + f.name() + " into " + target, e);
                }
                out.println(line(r));
                out.flush();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("status", r.status().name().toLowerCase(Locale.ROOT));
                m.put("bytes", r.bytes());
                m.put("checksum", r.digest().toString());
                m.put("from", r.from() == null ? null : r.from().toString());
                files.add(m);
            }
        }
        // Where train would look now, without refusing anything: the download itself went well either way.
        DataFolder found = DataLocator.locate(null, which);
        if (found == null || !found.dir().equals(target)) {
            out.println("train and eval find it with --data " + target + (which == DataLocator.Dataset.MNIST ? "" : " --dataset " + which.id())
                    + " (or MLP4J_DATA=" + target + ").");
        }
        if (common.json) {
            Map<String, Object> json = JsonOutput.object("download");
            json.put("dataset", which.id());
            json.put("dir", target.toString());
            json.put("files", files);
            JsonOutput.print(out, json);
        }
        return ExitCodes.OK;
    }

    private static String line(FetchResult r) {
        String size = r.bytes() < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", r.bytes() / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", r.bytes() / 1048576.0);
        return switch (r.status()) {
            case PRESENT -> r.name() + ": already there (" + size + ", " + r.digest() + " ok)";
            case DOWNLOADED -> r.name() + ": downloaded from " + r.from() + " (" + size + ", " + r.digest() + " ok)";
            case RESUMED -> r.name() + ": download continued from " + r.from() + " (" + size + ", " + r.digest() + " ok)";
        };
    }

    /**
     * The folder the user keeps data in (-Dmlp4j.data, then MLP4J_DATA, as the data locator looks), else the per-user
     * data home: outside the project, so a download serves every clone and a fresh clone finds it.
     */
    private static Path defaultDir(DataLocator.Dataset dataset) {
        String[][] settings = {{System.getProperty("mlp4j.data"), "-Dmlp4j.data"}, {System.getenv("MLP4J_DATA"), "MLP4J_DATA"}};
        for (String[] setting : settings) {
            if (setting[0] != null && !setting[0].isBlank()) {
                try {
                    return Paths.get(setting[0]);
                } catch (InvalidPathException e) {
                    throw new UsageException(setting[1] + " '" + setting[0].replace("\0", "\\0") + "' is not a valid path (" + e.getReason()
                            + "); set it to a folder, or give --dir.");
                }
            }
        }
        return DataHome.of(dataset);
    }

    private static URI mirror(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new UsageException("--mirror " + text + " is not an http or https URL; give the folder that holds the files, e.g. https://host/mnist/.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--mirror " + text + " is not a URL (" + e.getReason() + ").", e);
        }
    }
}
