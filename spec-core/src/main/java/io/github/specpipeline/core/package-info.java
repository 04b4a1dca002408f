/** spec-pipeline core library. */
package io.github.specpipeline.core;
