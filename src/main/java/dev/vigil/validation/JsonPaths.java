package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** The field path of a Jackson binding error in the notation issues use: {@code checks[1].minSeverity}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
