package dev.jawait.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole-file and directory operations, in a temporary directory, on a runtime and off it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncFilesTest {
    @TempDir
    Path dir;

    @Test
    void wholeFilesDirectoriesAndMetadata() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            Path sub = rt.blockOn(rt.spawn(AsyncFiles.createDirectories(dir.resolve("a/b"))));
            assertTrue(Files.isDirectory(sub));
            Path bin = sub.resolve("data.bin");
            byte[] bytes = {1, 2, 3, 4, 5};
            assertEquals(bin, rt.blockOn(rt.spawn(AsyncFiles.write(bin, bytes))));
            assertArrayEquals(bytes, rt.blockOn(rt.spawn(AsyncFiles.readAllBytes(bin))));
            rt.blockOn(rt.spawn(AsyncFiles.write(bin, new byte[] {6}, StandardOpenOption.APPEND)));
            assertEquals(6L, rt.blockOn(rt.spawn(AsyncFiles.size(bin))));

            Path text = sub.resolve("hello.txt");
            rt.blockOn(rt.spawn(AsyncFiles.writeString(text, "héllo")));
            assertEquals("héllo", rt.blockOn(rt.spawn(AsyncFiles.readString(text))));
            assertEquals("héllo", Files.readString(text));

            Path copy = rt.blockOn(rt.spawn(AsyncFiles.copy(text, dir.resolve("copy.txt"))));
            assertEquals("héllo", Files.readString(copy));
            assertThrows(FileAlreadyExistsException.class, () -> rt.blockOn(rt.spawn(AsyncFiles.copy(text, copy))));
            rt.blockOn(rt.spawn(AsyncFiles.copy(bin, copy, StandardCopyOption.REPLACE_EXISTING)));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, Files.readAllBytes(copy));
            Path moved = rt.blockOn(rt.spawn(AsyncFiles.move(copy, dir.resolve("moved.bin"))));
            assertFalse(Files.exists(copy));
            assertTrue(rt.blockOn(rt.spawn(AsyncFiles.exists(moved))));

            assertEquals(List.of(bin, text), sorted(rt.blockOn(rt.spawn(AsyncFiles.list(sub)))));
            BasicFileAttributes basic = rt.blockOn(rt.spawn(AsyncFiles.readAttributes(bin, BasicFileAttributes.class)));
            assertTrue(basic.isRegularFile());
            assertEquals(6, basic.size());
            PosixFileAttributes posix = rt.blockOn(rt.spawn(AsyncFiles.readAttributes(sub, PosixFileAttributes.class)));
            assertTrue(posix.isDirectory());

            assertTrue(rt.blockOn(rt.spawn(AsyncFiles.deleteIfExists(moved))));
            assertFalse(rt.blockOn(rt.spawn(AsyncFiles.deleteIfExists(moved))));
            rt.blockOn(rt.spawn(AsyncFiles.delete(text)));
            NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> rt.blockOn(rt.spawn(AsyncFiles.delete(text))));
            assertEquals(text.toString(), gone.getFile());
            NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                    () -> rt.blockOn(rt.spawn(AsyncFiles.readAllBytes(dir.resolve("nope")))));
            assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
            assertFalse(rt.blockOn(rt.spawn(AsyncFiles.exists(dir.resolve("nope")))));
        }
    }

    @Test
    void outsideARuntimeTheCallRunsOnTheAwaitingThread() throws Exception {
        Path p = dir.resolve("plain.txt");
        // A plain thread may block: dev.jawait.Await drives the future right here.
        dev.jawait.Await.await(AsyncFiles.writeString(p, "plain"));
        assertEquals("plain", dev.jawait.Await.await(AsyncFiles.readString(p)));
    }

    @Test
    void nothingHappensUntilTheFirstPoll() throws Exception {
        Path p = dir.resolve("lazy.txt");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            var write = AsyncFiles.writeString(p, "later"); // created, not polled
            Thread.sleep(50);
            assertFalse(Files.exists(p), "futures are lazy");
            rt.blockOn(rt.spawn(write));
            assertTrue(Files.exists(p));
        }
    }

    private static List<Path> sorted(List<Path> paths) {
        return paths.stream().sorted().toList();
    }
}
