package dev.vigil.flow.graphql;

/** A query argument out of its bounds: answered as a GraphQL error naming the argument. */
final class BadArgument extends RuntimeException {

    private final String argument;

    BadArgument(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    String argument() {
        return argument;
    }
}
