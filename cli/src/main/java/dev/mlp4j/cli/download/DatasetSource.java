package dev.mlp4j.cli.download;

import dev.mlp4j.core.data.DataLocator;
import dev.mlp4j.core.data.MnistFiles;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** Where a data set can be fetched from: public mirrors, tried in order, and the four files with their checksums. */
public record DatasetSource(DataLocator.Dataset dataset, List<URI> mirrors, List<RemoteFile> files) {
    public DatasetSource {
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
    }

    /** The same files from other mirrors (--mirror, and tests). */
    public DatasetSource withMirrors(List<URI> others) {
        return new DatasetSource(dataset, others, files);
    }

    public static DatasetSource of(DataLocator.Dataset dataset) {
        return switch (dataset) {
            case MNIST -> mnist();
            case FASHION_MNIST -> fashionMnist();
        };
    }

    /** Every known data set but {@code dataset}: whose complete files a download of it must not replace. */
    public static List<DatasetSource> othersThan(DataLocator.Dataset dataset) {
        return Arrays.stream(DataLocator.Dataset.values()).filter(d -> d != dataset).map(DatasetSource::of).toList();
    }

    /** The canonical files as once served by yann.lecun.com; the SHA-256 of each .gz. */
    static DatasetSource mnist() {
        return new DatasetSource(DataLocator.Dataset.MNIST,
                List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
                List.of(file(MnistFiles.TRAIN_IMAGES, Digest.sha256("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609")),
                        file(MnistFiles.TRAIN_LABELS, Digest.sha256("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c")),
                        file(MnistFiles.TEST_IMAGES, Digest.sha256("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6")),
                        file(MnistFiles.TEST_LABELS, Digest.sha256("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"))));
    }

    /**
     * Zalando's files. Two forms are accepted per file: the SHA-256 of the copy Debian packages
     * (dataset-fashion-mnist, recompressed without the original file name in the gzip header) and the MD5 Zalando
     * publishes for the files its mirror serves.
     */
    static DatasetSource fashionMnist() {
        return new DatasetSource(DataLocator.Dataset.FASHION_MNIST,
                List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
                List.of(file(MnistFiles.TRAIN_IMAGES, Digest.sha256("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                                Digest.md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d")),
                        file(MnistFiles.TRAIN_LABELS, Digest.sha256("0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                                Digest.md5("25c81989df183df01b3e8a0aad5dffbe")),
                        file(MnistFiles.TEST_IMAGES, Digest.sha256("cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                                Digest.md5("bef4ecab320f06d8554ea6380940ec79")),
                        file(MnistFiles.TEST_LABELS, Digest.sha256("8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
                                Digest.md5("bb300cfdad3c16e7a12a480ee83cd310"))));
    }

    private static RemoteFile file(String idxName, Digest... accepted) {
        return new RemoteFile(idxName + ".gz", List.of(accepted));
    }
}
