package dev.vigil.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceScopeTest {

    private final ServiceScope checkoutInStaging = new ServiceScope(List.of("checkout*"), List.of("staging"));

    @Test
    void globsMatchWholeNamesAndEnvironmentsRestrictOnlyWhatHasOne() {
        assertTrue(checkoutInStaging.allows("checkout", "staging"));
        assertTrue(checkoutInStaging.allows("checkout-api", "staging"));
        assertTrue(checkoutInStaging.allows("checkout-api", null));
        assertFalse(checkoutInStaging.allows("payments", "staging"));
        assertFalse(checkoutInStaging.allows("my-checkout", "staging"));
        assertFalse(checkoutInStaging.allows("checkout", "production"));
        assertTrue(ServiceScope.ALL.allows("anything", "anywhere"));
    }

    @Test
    void patternsAreQuotedSoADotIsNotAWildcard() {
        ServiceScope dotted = new ServiceScope(List.of("a.b"), List.of());
        assertTrue(dotted.allows("a.b", null));
        assertFalse(dotted.allows("axb", null));
    }

    @Test
    void aRestrictedTokenMustNameWhatItListsAndTheRefusalNamesTheService() {
        assertThrows(ServiceScope.OutOfScope.class, () -> checkoutInStaging.requireListing(null));
        assertThrows(ServiceScope.OutOfScope.class, () -> checkoutInStaging.requireListing("checkout", null));
        ServiceScope.OutOfScope refused = assertThrows(ServiceScope.OutOfScope.class,
                () -> checkoutInStaging.require("payments", "staging"));
        assertTrue(refused.getMessage().contains("'payments'"));
        assertDoesNotThrow(() -> checkoutInStaging.requireListing("checkout", "staging"));
        assertDoesNotThrow(() -> ServiceScope.ALL.requireListing(null, null));
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServiceScope(List.of("a b"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ServiceScope(List.of(""), List.of()));
    }
}
