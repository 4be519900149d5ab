package dev.vigil.detect.definition;

/** The detector definitions in force now (they may be reloaded at any time: ask again rather than keep the set). */
public interface Definitions {

    DefinitionSet current();
}
