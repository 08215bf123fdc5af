"""The suite fixtures that fail without each fix of fixes/table.py, measured with
`python benchmarks/csl_test_suite.py --without NAME` against the full run."""

from __future__ import annotations

# Fixtures that fail without each fix (measured with --without; the runner's list).
NEEDED_BY: dict[str, tuple[str, ...]] = {
    "project-locales": (
        "bugreports_BadCitationUpdate", "disambiguate_ImplicitYearSuffixOnceOnly",
        "disambiguate_LastOnlyFailWithByCite", "disambiguate_YearSuffixMixedDates",
        "disambiguate_YearSuffixWithMixedCreatorTypes",
        "name_CiteGroupDelimiterWithYearSuffixCollapse",
    ),
    "substitute-through-macros": (
        "bugreports_NoTitle",
    ),
    "disambiguated-names": (
        "bugreports_FourAndFour", "bugreports_ProcessorHang1", "disambiguate_AddNamesSuccess",
        "disambiguate_AndreaEg1a", "disambiguate_ByCiteGivennameNoShortFormInitializeWith",
        "disambiguate_ByCiteGivennameShortFormNoInitializeWith",
        "disambiguate_ByCiteIncremental1", "disambiguate_SetsOfNames",
        "disambiguate_YearSuffixMacroSameYearExplicit",
        "disambiguate_YearSuffixMacroSameYearImplicit",
    ),
    "sort-collation": (
        "sort_ConditionalMacroDates", "sort_LeadingA", "sort_NameVariable",
    ),
    "title-case": (
        "bugreports_TitleCase", "flipflop_Apostrophes", "textcase_AfterQuote",
        "textcase_InQuotes", "textcase_SkipNameParticlesInTitleCase",
        "textcase_StopWordBeforeHyphen", "textcase_TitleCapitalization2",
        "textcase_TitleCaseWithFinalNocase", "textcase_TitleCaseWithNonBreakSpace",
        "textcase_TitleWithEmDash", "textcase_TitleWithEnDash",
    ),
    "record-names": (
        "bugreports_CitationSortsWithEtAl", "bugreports_CollapseFailure",
        "bugreports_DisambiguationAddNames", "bugreports_SortSecondaryKey",
        "collapse_AuthorCollapse", "collapse_TrailingDelimiter", "collapse_YearSuffixCollapse",
        "collapse_YearSuffixCollapseNoRange",
        "collapse_YearSuffixCollapseNoYearSuffixDelimiter",
        "collapse_YearSuffixImplicitCollapseNoYearSuffixDelimiter", "date_YearSuffixDelimiter",
        "date_YearSuffixImplicitWithNoDateOneOnly",
        "disambiguate_InitializeWithButNoDisambiguation", "disambiguate_YearSuffixMixedDates",
        "name_CiteGroupDelimiterWithYearCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse3",
        "name_SubsequentAuthorSubstituteMultipleNames",
        "name_SubsequentAuthorSubstituteSingleField", "punctuation_DefaultYearSuffixDelimiter",
        "sort_AuthorDateWithYearSuffix", "sort_GroupedByAuthorstring", "substitute_SharedMacro",
    ),
    "suffix-punctuation": (
        "bugreports_AsmJournals", "bugreports_UndefinedNotString",
        "name_SubstituteInheritLabel",
    ),
    "date-part-delimiters": (
        "bugreports_BadCitationUpdate", "bugreports_CollapseFailure",
        "bugreports_DisambiguationAddNames", "bugreports_DisambiguationAddNamesBibliography",
        "bugreports_MatchedAuthorAndDate", "bugreports_YearSuffixInHarvard1",
        "collapse_YearSuffixImplicitCollapseNoYearSuffixDelimiter",
        "disambiguate_FailWithYearSuffix", "disambiguate_ImplicitYearSuffixOnceOnly",
        "disambiguate_InitializeWithButNoDisambiguation", "disambiguate_LastOnlyFailWithByCite",
        "disambiguate_NoTextElementUsesYearSuffixVariable",
        "disambiguate_YearSuffixFiftyTwoEntries",
        "disambiguate_YearSuffixFiftyTwoEntriesByCite", "disambiguate_YearSuffixMidInsert",
        "disambiguate_YearSuffixMixedDates", "disambiguate_YearSuffixWithMixedCreatorTypes",
        "integration_YearSuffixOnOffOn", "name_CiteGroupDelimiterWithYearCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse3",
        "punctuation_DefaultYearSuffixDelimiter", "sort_AuthorDateWithYearSuffix",
    ),
    "date-item-context": (
        "bugreports_BadCitationUpdate", "bugreports_CollapseFailure",
        "bugreports_DisambiguationAddNames", "bugreports_DisambiguationAddNamesBibliography",
        "bugreports_MatchedAuthorAndDate", "bugreports_YearSuffixInHarvard1",
        "collapse_YearSuffixImplicitCollapseNoYearSuffixDelimiter",
        "disambiguate_FailWithYearSuffix", "disambiguate_ImplicitYearSuffixOnceOnly",
        "disambiguate_InitializeWithButNoDisambiguation", "disambiguate_LastOnlyFailWithByCite",
        "disambiguate_NoTextElementUsesYearSuffixVariable",
        "disambiguate_YearSuffixFiftyTwoEntries",
        "disambiguate_YearSuffixFiftyTwoEntriesByCite", "disambiguate_YearSuffixMidInsert",
        "disambiguate_YearSuffixMixedDates", "disambiguate_YearSuffixWithMixedCreatorTypes",
        "integration_YearSuffixOnOffOn", "name_CiteGroupDelimiterWithYearCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse",
        "name_CiteGroupDelimiterWithYearSuffixCollapse3",
        "punctuation_DefaultYearSuffixDelimiter", "sort_AuthorDateWithYearSuffix",
    ),
    "given-position": (
        "bugreports_AccidentalAllCaps", "flipflop_Apostrophes", "integration_CitationSortTwice",
        "integration_IbidOnInsert", "integration_SimpleFirstReferenceNoteNumber",
        "integration_SubsequentWhenInterveningFootnote", "position_FirstTrueOnlyOnce",
        "position_IbidSeparateCiteSameNote", "position_IbidWithLocator",
        "position_IbidWithMultipleSoloCitesInBackref",
        "position_IfIbidIsTrueThenSubsequentIsTrue", "position_NearNoteFalse",
        "position_NearNoteUnsupported", "position_NearNoteWithPlugin",
        "position_TrueInCitation", "testers_FirstAutoGeneratedZoteroPluginTest",
    ),
    "leading-term-capitalised": (
        "integration_IbidOnInsert", "magic_CapitalizeFirstOccurringTerm",
        "position_FirstTrueOnlyOnce", "position_IbidWithLocator",
        "position_IbidWithMultipleSoloCitesInBackref",
    ),
    "initialize-false": (
        "name_FirstInitialFullForm",
    ),
    "nested-quotes": (
        "display_SecondFieldAlignMigratePunctuation",
        "testers_FirstAutoGeneratedZoteroPluginTest",
        "testers_SecondAutoGeneratedZoteroPluginTest",
    ),
    "display": (
        "display_DisplayBlock", "display_SecondFieldAlignClone",
    ),
    "disambiguate-condition": (
        "disambiguate_DisambiguateTrueAndYearSuffixOne",
        "disambiguate_DisambiguateTrueReflectedInBibliography",
    ),
}
