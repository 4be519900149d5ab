package dev.vigil.validation;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The bounds every YAML text Vigil reads is parsed within, whoever wrote it: at most {@link #MAX_CODE_POINTS}
 * characters, {@link #MAX_ALIASES} aliases (an alias bomb expands exponentially) and {@link #MAX_NESTING} levels.
 * Policies and definitions are a few kilobytes; these leave a hundredfold room and still bound the parse time.
 */
public final class YamlLimits {

    public static final int MAX_CODE_POINTS = 1024 * 1024;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NESTING = 50;

    private YamlLimits() {
    }

    /** A new factory with the bounds set (SnakeYAML's {@link LoaderOptions}). */
    public static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        return YAMLFactory.builder().loaderOptions(options).build();
    }
}
