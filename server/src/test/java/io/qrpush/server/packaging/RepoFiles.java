package io.qrpush.server.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files of the repository that the packaging tests check. Maven runs tests in the server module's
 * directory, so the repository is its parent.
 */
public final class RepoFiles {
    private static final Pattern JAVA_OPTS = Pattern.compile("JAVA_OPTS=\"([^\"]+)\"");

    private RepoFiles() {
    }

    /** A file by its path from the repository's root, e.g. {@code config/qrpush.service}. */
    public static Path of(String relative) {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            throw new AssertionError(file + " not found: run the tests from the server module (mvn verify)");
        }
        return file;
    }

    /**
     * The JVM options docs/configuration.md recommends ("JVM settings for production", its
     * {@code JAVA_OPTS="..."} example), so the image and the unit cannot drift from the docs.
     */
    public static String recommendedJvmOptions() throws IOException {
        Matcher m = JAVA_OPTS.matcher(Files.readString(of("docs/configuration.md")));
        if (!m.find()) {
            throw new AssertionError("docs/configuration.md has no JAVA_OPTS=\"...\" example any more");
        }
        return m.group(1);
    }
}
