package dev.mlp4j.cli.eval;

import java.io.PrintWriter;

/** Prints a confusion matrix with labels down and predictions across. */
final class ConfusionTable {
    private ConfusionTable() {
    }

    static void print(PrintWriter out, int[][] confusion) {
        StringBuilder head = new StringBuilder("label\\predicted");
        for (int j = 0; j < confusion.length; j++) {
            head.append(String.format("%6d", j));
        }
        out.println(head);
        for (int i = 0; i < confusion.length; i++) {
            StringBuilder row = new StringBuilder(String.format("%15d", i));
            for (int j = 0; j < confusion[i].length; j++) {
                row.append(String.format("%6d", confusion[i][j]));
            }
            out.println(row);
        }
    }
}
