package io.github.specpipeline.core.fuzz;

import java.util.Random;

/** Makes one input of a family from a base project; the same random state gives the same input. */
public interface Mutator {
    FuzzCase mutate(FuzzCase base, Random random, Limits limits, String id);

    static Mutator of(FuzzFamily family) {
        return switch (family) {
            case JSON -> new JsonMutator();
            case SQL -> new SqlMutator();
            case DDL -> new DdlMutator();
            case SEEDS -> new SeedMutator();
        };
    }
}
