package dev.vigil.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmRateTest {

    @Test
    void severitiesAreOneATenthAndAHundredthOfTheDailyBudget() {
        assertEquals(0.75, AlarmRate.scoreAt(1), 1e-12);
        assertEquals(0.85, AlarmRate.scoreAt(0.1), 1e-12);
        assertEquals(0.95, AlarmRate.scoreAt(0.01), 1e-12);
        assertEquals(1, AlarmRate.budgetsAt(0.75), 1e-12);
        assertEquals(0.1, AlarmRate.budgetsAt(0.85), 1e-12);
        assertEquals(0.01, AlarmRate.budgetsAt(0.95), 1e-12);
    }

    @Test
    void rarerEvidenceStaysOrderedBelowOne() {
        double previous = AlarmRate.scoreAt(0.01);
        for (double budgets = 1e-3; budgets > 1e-30; budgets /= 10) {
            double score = AlarmRate.scoreAt(budgets);
            assertTrue(score > previous && score < 1, budgets + " budgets scored " + score);
            assertEquals(budgets, AlarmRate.budgetsAt(score), budgets * 1e-6, "round trip at " + budgets);
            previous = score;
        }
    }

    @Test
    void scoresBelowInfoAreAtLeastOneBudgetAndAPerfectScoreNone() {
        assertEquals(1, AlarmRate.budgetsAt(0.3));
        assertEquals(1, AlarmRate.budgetsAt(0));
        assertEquals(0, AlarmRate.budgetsAt(1.0));
    }

    @Test
    void eachSeverityStartsAtItsShareOfTheBudget() {
        assertEquals(Severity.INFO, Severity.ofBudgets(1));
        assertEquals(Severity.INFO, Severity.ofBudgets(0.2));
        assertEquals(Severity.WARNING, Severity.ofBudgets(0.1));
        assertEquals(Severity.CRITICAL, Severity.ofBudgets(0.004));
        assertEquals(0.85, AlarmRate.scoreAt(Severity.WARNING.budgets()), 1e-12);
        assertEquals(0.95, AlarmRate.scoreAt(Severity.CRITICAL.budgets()), 1e-12);
    }
}
