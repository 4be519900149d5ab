package dev.vigil.flow.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** {@code DateTime}: an {@link Instant} as RFC 3339 text, as the REST API writes and reads it. */
final class DateTimeScalar {

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar().name("DateTime")
            .description("An instant in RFC 3339, e.g. 2026-12-07T10:15:30Z").coercing(new InstantCoercing()).build();

    private DateTimeScalar() {
    }

    private static final class InstantCoercing implements Coercing<Instant, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            throw new CoercingSerializeException("not an instant");
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException("a DateTime is a string such as 2026-12-07T10:15:30Z");
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException("a DateTime is a string such as 2026-12-07T10:15:30Z");
        }

        private static <E extends RuntimeException> Instant parse(String text, java.util.function.Function<String, E> error) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw error.apply("a DateTime is RFC 3339 such as 2026-12-07T10:15:30Z, got '" + text + "'");
            }
        }
    }
}
