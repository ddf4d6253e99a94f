package io.qrpush.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FdBudgetTest {
    @Test
    void aRunThatFitsSaysNothing() {
        assertThat(FdBudget.check(18_000, 18_000, 1, 20_000, 40)).isNull();
    }

    @Test
    void aRunOverTheLimitSaysWhyAndSuggestsProcesses() {
        String m = FdBudget.check(36_000, 36_000, 1, 20_000, 40);
        assertThat(m).contains("20,000", "36,000", "ulimit -n", "--processes 2");
        assertThat(FdBudget.connectionsPossible(20_000, 40)).isEqualTo(20_000 - 40 - FdBudget.RESERVE);
    }

    @Test
    void theSuggestionCoversTheWholeRun() {
        assertThat(FdBudget.check(50_000, 50_000, 1, 20_000, 0)).contains("--processes 3");
    }

    @Test
    void thisProcessKnowsItsLimit() {
        assertThat(FdBudget.limit()).isPositive();
    }
}
