"""The suite fixtures that fail without each fix of fixes/table.py, measured with
`python benchmarks/csl_test_suite.py --without NAME` against the full run."""

from __future__ import annotations

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
    "substitute-once": (
        "substitute_SubstituteOnlyOnceTermEmpty", "substitute_SuppressOrdinaryVariable",
    ),
    "suppressed-names": (
        "magic_SuppressDuplicateVariableRendering", "substitute_SuppressOrdinaryVariable",
    ),
    "disambiguated-names": (
        "bugreports_FourAndFour", "bugreports_ProcessorHang1", "disambiguate_AddNamesSuccess",
        "disambiguate_AllNamesBaseNameCountOnFailureIfYearSuffixAvailable",
        "disambiguate_AllNamesGenerally", "disambiguate_AllNamesSimpleSequence",
        "disambiguate_AllNamesWithInitialsGenerally", "disambiguate_AndreaEg1a",
        "disambiguate_AndreaEg1b", "disambiguate_AndreaEg3", "disambiguate_AndreaEg4",
        "disambiguate_AndreaEg5", "disambiguate_BasedOnEtAlSubsequent",
        "disambiguate_ByCiteBaseNameCountOnFailureIfYearSuffixAvailable",
        "disambiguate_ByCiteGivennameExpandCrossNestedNames",
        "disambiguate_ByCiteGivennameNoShortFormInitializeWith",
        "disambiguate_ByCiteGivennameShortFormNoInitializeWith",
        "disambiguate_ByCiteIncremental1", "disambiguate_ByCiteIncremental2",
        "disambiguate_ByCiteRetainNamesOnFailureIfYearSuffixNotAvailable",
        "disambiguate_PrimaryNameGenerally", "disambiguate_PrimaryNameWithInitialsLimitedToPrimary",
        "disambiguate_SetsOfNames", "disambiguate_ToInitialOnly",
        "disambiguate_YearSuffixAtTwoLevels", "disambiguate_YearSuffixMacroSameYearExplicit",
        "disambiguate_YearSuffixMacroSameYearImplicit",
    ),
    "substituted-names-suppressed": (
        "magic_SuppressDuplicateVariableRendering",
    ),
    "sort-name-options": (
        "disambiguate_ByCiteIncremental2",
    ),
    "sort-collation": (
        "sort_ConditionalMacroDates", "sort_LeadingA", "sort_NameVariable", "sort_Quotes",
    ),
    "title-case": (
        "bugreports_TitleCase", "flipflop_Apostrophes", "textcase_AfterQuote",
        "textcase_ImplicitNocase", "textcase_InQuotes", "textcase_SkipNameParticlesInTitleCase",
        "textcase_StopWordBeforeHyphen", "textcase_TitleCapitalization2",
        "textcase_TitleCaseWithFinalNocase", "textcase_TitleCaseWithHyphens",
        "textcase_TitleCaseWithNonBreakSpace", "textcase_TitleWithEmDash",
        "textcase_TitleWithEnDash",
    ),
    "protected-case": (
        "textcase_Lowercase",
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
        "sort_AuthorDateWithYearSuffix", "sort_CiteGroupDelimiter",
        "sort_GroupedByAuthorstring", "substitute_SharedMacro",
    ),
    "display": (
        "display_DisplayBlock", "display_SecondFieldAlignClone",
    ),
    "suffix-punctuation": (
        "bugreports_DoubleEncodedAngleBraces", "name_SubstituteInheritLabel",
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
    "disambiguate-condition": (
        "bugreports_ikeyOne", "disambiguate_BasedOnSubsequentFormWithBackref2",
        "disambiguate_DisambiguateTrueAndYearSuffixOne",
        "disambiguate_DisambiguateTrueReflectedInBibliography",
        "disambiguate_IncrementalExtraText",
    ),
    "special-variables": (
        "disambiguate_CitationLabelDefault", "disambiguate_Trigraph",
        "label_PluralWithAmpersand", "locator_SimpleLocators", "locator_WithLeadingSpace",
        "magic_CitationLabelInBibliography", "magic_CitationLabelInCitation",
    ),
    "leading-term-capitalised": (
        "integration_IbidOnInsert", "magic_CapitalizeFirstOccurringTerm",
        "position_FirstTrueOnlyOnce", "position_IbidWithLocator",
        "position_IbidWithMultipleSoloCitesInBackref",
    ),
    "name-list": (
        "bugreports_ApostropheOnParticle", "decorations_AndTermUnaffectedByNameDecorations",
        "etal_UseZeroFirst", "name_AfterInvertedName", "name_ArabicShortForms",
        "name_AsianGlyphs", "name_AuthorCountWithMultipleVariables",
        "name_AuthorCountWithSameVarContentAndCombinedTermFail", "name_DelimiterAfterInverted",
        "name_EtAlWithCombined", "name_HebrewAnd", "name_HyphenatedNonDroppingParticle2",
        "name_OnlyGivenname",
        "name_ParsedNonDroppingParticleWithApostrophe", "name_ParticlesDemoteNonDroppingNever",
        "name_WithNonBreakingSpace", "name_namepartAffixes",
        "nameattr_EtAlUseFirstOnCitationInBibliography", "sort_AguStyleReverseGroups",
    ),
    "initials": (
        "name_FirstInitialFullForm", "name_InTextMarkupInitialize",
        "name_InTextMarkupNormalizeInitials", "name_InitialsInitializeFalse",
        "name_InitialsInitializeFalseEmpty", "name_InitialsInitializeFalsePeriod",
        "name_InitialsInitializeFalsePeriodSpace", "name_InitialsInitializeTrueEmpty",
        "name_InitialsInitializeTruePeriod", "name_InitialsInitializeTruePeriodSpace",
        "name_LongAbbreviation", "name_LowercaseSurnameSuffix",
    ),
    "locator-ranges": (
        "label_CollapsedPageNumberPluralDetection", "label_PluralWithLocalizedAmpersand",
        "locator_SimpleLocators", "locator_WithLeadingSpace",
    ),
    "number-ranges": (
        "flipflop_NumericField", "label_CollapsedPageNumberPluralDetection",
        "label_PluralWithAmpersand", "label_PluralWithLocalizedAmpersand",
        "number_PlainHyphenOrEnDashAlwaysPlural",
    ),
    "plural-labels": (
        "label_CollapsedPageNumberPluralDetection", "label_PluralNumberOfVolumes",
        "number_PlainHyphenOrEnDashAlwaysPlural",
    ),
    "ordinals": (
        "number_SeparateOrdinalNamespaces",
    ),
    "nested-quotes": (
        "decorations_NestedQuotesInnerReverse", "display_SecondFieldAlignMigratePunctuation",
        "flipflop_QuotesNodeLevelMarkup", "quotes_PunctuationWithInnerQuote",
        "testers_FirstAutoGeneratedZoteroPluginTest", "testers_SecondAutoGeneratedZoteroPluginTest",
    ),
    "rich-text-value": (
        "flipflop_BoldfaceNodeLevelMarkup", "flipflop_QuotesInFieldNotOnNode",
        "flipflop_QuotesNodeLevelMarkup",
    ),
    "season-range": (
        "date_SeasonRange2", "date_SeasonRange3",
    ),
    "page-ranges": (
        "page_Chicago16",
    ),
    "label-needs-variable": (
        "bugreports_GreekStyleTwoEditors", "bugreports_StyleError001",
        "bugreports_UndefinedInName3",
    ),
    "derived-fields": (
        "bugreports_ContainerTitleShort", "magic_StripPeriodsTrueShortForm",
        "variables_ContainerTitleShort2",
    ),
    "dates-as-citeproc-js": (
        "date_EmptyStrings", "date_SeasonRange1", "date_SeasonRange2", "date_SeasonRange3",
        "date_String", "date_VariousInvalidDates",
    ),
    "collapse-punctuation": (
        "punctuation_FullMontyQuotesIn", "punctuation_FullMontyQuotesOut",
    ),
    "punctuation-in-quote": (
        "affix_MovingPunctuation", "bugreports_AsaSpacing",
        "bugreports_ContentPunctuationDuplicate1", "bugreports_DuplicateSpaces2",
        "bugreports_IeeePunctuation", "bugreports_SingleQuote",
        "display_SecondFieldAlignMigratePunctuation", "flipflop_QuotesInFieldNotOnNode",
        "locale_EmptyPlusOverrideStyleOpt", "locale_EmptyStyleOpt",
        "magic_PunctuationInQuoteDefaultEnglishSuffix", "magic_PunctuationInQuoteDelimiterTrue",
        "magic_PunctuationInQuoteSuffixTrue", "magic_StripPeriodsFalse", "magic_StripPeriodsTrue",
        "punctuation_FullMontyQuotesIn", "quotes_Punctuation", "quotes_PunctuationNasty",
        "quotes_PunctuationWithInnerQuote", "testers_FirstAutoGeneratedZoteroPluginTest",
        "testers_SecondAutoGeneratedZoteroPluginTest",
    ),
    # Steps of the engine, which --without cannot leave out: the fixtures that failed
    # before the step was added (and pass with it).
    "givenname-disambiguation-rule": (
        "disambiguate_AllNamesBaseNameCountOnFailureIfYearSuffixAvailable",
        "disambiguate_AllNamesGenerally", "disambiguate_AllNamesSimpleSequence",
        "disambiguate_AllNamesWithInitialsGenerally", "disambiguate_AndreaEg1b",
        "disambiguate_AndreaEg3", "disambiguate_AndreaEg4", "disambiguate_AndreaEg5",
        "disambiguate_ByCiteBaseNameCountOnFailureIfYearSuffixAvailable",
        "disambiguate_ByCiteGivennameExpandCrossNestedNames",
        "disambiguate_ByCiteRetainNamesOnFailureIfYearSuffixNotAvailable",
        "disambiguate_PrimaryNameGenerally", "disambiguate_PrimaryNameWithInitialsLimitedToPrimary",
        "disambiguate_ToInitialOnly",
    ),
    "disambiguation": (
        "disambiguate_BasedOnEtAlSubsequent", "disambiguate_BasedOnSubsequentFormWithBackref2",
        "disambiguate_IncrementalExtraText", "disambiguate_YearSuffixAndSort",
        "disambiguate_YearSuffixAtTwoLevels",
    ),
    "cite-collapse": (
        "collapse_AuthorCollapseNoDateSorted",
    ),
    "cite-affixes": (
        "magic_SuppressLayoutDelimiterIfPrefixComma", "position_IbidWithPrefixFullStop",
    ),
    "cite-positions": (
        "position_IbidInText", "position_NearNoteSameNote", "position_ResetNoteNumbers",
    ),
    "legacy-variable-names": (
        "bugreports_ContainerTitleShort", "magic_StripPeriodsTrueShortForm",
    ),
    "explicit-normal": (
        "decorations_Baseline", "decorations_NoNormalWithoutDecoration",
    ),
}
