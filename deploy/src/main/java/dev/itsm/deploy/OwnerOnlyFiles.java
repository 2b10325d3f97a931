package dev.itsm.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files with secrets in them (the signing key, tokens) and the directory that holds them: readable
 * by their owner only <em>from the moment they exist</em>. A file written first and chmod-ed after
 * is readable by everybody in between (and an existing file keeps its old mode when overwritten),
 * so the content goes into a fresh owner-only file that then replaces the target in one rename.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} to {@code file} (replacing it), mode {@code 0600} throughout. */
    static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = posix(dir)
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code dir} (and parents) unless it exists, and makes it {@code 0700}. */
    static void createDirectory(Path dir) throws IOException {
        if (!posix(dir.toAbsolutePath().getRoot())) {
            Files.createDirectories(dir);
            return;
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectory(dir, ownerOnly);
        }
        // also a directory made by an older launcher with the default mode
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Takes read access from everybody but the owner of an existing file (keys made by an older launcher). */
    static void restrict(Path file) throws IOException {
        if (posix(file) && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
