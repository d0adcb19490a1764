package dev.jawait.samples.repository;

/**
 * A user of the repository sample.
 *
 * <pre>{@code
 * User ada = new User(1, "ada");
 * }</pre>
 *
 * @param id   the key
 * @param name the display name
 */
public record User(long id, String name) {}
