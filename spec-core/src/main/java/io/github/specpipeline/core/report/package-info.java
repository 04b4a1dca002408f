/**
 * The Maven site report of a spec, as a model of pages independent of any rendering technology: an overview
 * (pipeline DAG, model inventory, validation status, test results), one page per model and a diagnostics page.
 * Pages are made of {@link io.github.specpipeline.core.report.Block blocks} holding plain, unescaped text; the
 * renderer (the Maven plugin's Doxia sink renderer) escapes it. Links between pages are relative and computed
 * here ({@link io.github.specpipeline.core.report.ReportLayout}), so the pages are self-consistent wherever the
 * site is published.
 */
package io.github.specpipeline.core.report;
