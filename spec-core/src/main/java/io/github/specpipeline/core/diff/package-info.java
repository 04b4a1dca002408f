/**
 * What changed between two versions of a spec: {@link io.github.specpipeline.core.diff.SpecDiff} compares a base
 * with the current spec per model and column, classifies each {@link io.github.specpipeline.core.diff.Change} as
 * breaking, non-breaking or metadata, and names the downstream columns a breaking change reaches through the spec's
 * declared lineage ({@link io.github.specpipeline.core.diff.ColumnLineage}). The diff goal's reports and the review
 * exports' Changes table read these changes.
 */
package io.github.specpipeline.core.diff;
