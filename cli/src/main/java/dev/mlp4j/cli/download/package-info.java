/**
 * The {@code download} command and what it rests on: the data sets' published files and their checksums
 * ({@link dev.mlp4j.cli.download.DatasetSource}), fetched from mirrors so that a file under its final name is
 * always a verified one ({@link dev.mlp4j.cli.download.Downloader}), into a folder the data options then find.
 */
package dev.mlp4j.cli.download;
