package io.github.specpipeline.core.model;

/**
 * The file a model of a spec directory was read from: what diagnostics, the review and generated headers name.
 *
 * @param file   the file as shown to the user (relative to the project where possible, with '/')
 * @param sha256 the SHA-256 of the file's bytes, lower-case hex: a generated file's header names the exact input
 */
public record ModelFile(String file, String sha256) {}
