package dev.mlp4j.cli.report;

/** The confusion matrix as CSV: one row per true label, one column per predicted class. */
final class ConfusionCsv {
    private ConfusionCsv() {
    }

    static String text(int[][] confusion) {
        StringBuilder sb = new StringBuilder("label\\predicted");
        for (int j = 0; j < confusion.length; j++) {
            sb.append(',').append(j);
        }
        sb.append('\n');
        for (int i = 0; i < confusion.length; i++) {
            sb.append(i);
            for (int j = 0; j < confusion[i].length; j++) {
                sb.append(',').append(confusion[i][j]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
