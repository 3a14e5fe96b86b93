/// Words that sign-in sheets write around a name but that are not the name: courtesy titles,
/// police and military ranks, diplomatic, judicial and religious styles, offices, and
/// post-nominals, in English and French (folded: lower case, no accents, no dots). "SSP Grace
/// Wambui", "H.E. Fatuma Abdallah", "Grace Wambui (SSP)", "Me Jean Dupont", "Col. (Rtd) Ali
/// Musa psc", "M. le Préfet Yao Agbeko", "Akosua Darko (MCE)", "Nana Akua Serwaa II" all compare
/// as the name alone.
enum Honorifics {
    /// Single words (folded) dropped before or after a name.
    static let words: Set<String> = {
        let courtesy = "mr mrs ms mx miss mister madam madame mme mlle mademoiselle monsieur m sir dame lord lady master"
        let academic = "dr doctor prof professor pr eng engr ing arch atty adv advocate barrister esq esquire"
        let civic = "hon honourable honorable rt right cllr councillor councilor alderman mayor maire senator sen mp mpp mla mna gov governor minister ministre amb ambassador ambassadeur ambassadrice consul envoy excellency excellence he se hisexcellency herexcellency chief chef elder mce dce mdce pce prefet prefete sousprefet depute deputee gouverneur gouverneure"
        let police = "ssp sp asp dsp acp dcp cp igp dig aig sacp cacp ocpd ocs insp inspector inspr ci cinsp sgt sergeant sjt cpl corporal pc wpc const constable supt superintendent snr senior commissioner commissaire cmdt commandant brigadier gardien lieutenant officer pol police pcol pbgen pmgen pmaj pltcol pcapt plt pcpl psg pssg pmsg"
        let military = "gen general lt ltcol ltgen majgen brig brigadier col colonel maj major capt captain cpt cdr commander cmdr adm admiral radm vadm cdre commodore wo pvt private sgm rsm lcpl ret retd rtd retired capitaine commandant adjudant sergent caporal"
        let judicial = "justice judge juge magistrate mag president presidente registrar kc qc sc san me maitre notaire bailiff"
        let religious = "rev revd reverend very fr father pere sr sister soeur br brother frere canon deacon diacre archdeacon bishop archbishop eveque archeveque cardinal mgr monsignor monseigneur abbe pastor pasteur imam sheikh sheik shaykh cheikh ustaz ustadh mufti mallam malam alhaji alhaja hajia haji hajj rabbi swami pandit giani bhai sant ven venerable bhante apostle prophet evangelist"
        // Traditional authorities (Ghana, Togo, Nigeria, Burkina Faso, Niger): Nana Akua Serwaa II.
        let traditional = "nana togbe togbui naa naba oba obi emir sarki lamido"
        let postNominal = "phd dphil md mba msc ma ba bsc llb llm obe mbe cbe kbe dbe ogw ebs mbs hsc cbs egh mgh psc ndc rcds mni fdc jp frcs jr snr sr ii iii iv"
        return Set([courtesy, academic, civic, police, military, judicial, religious, traditional, postNominal]
            .flatMap { $0.split(separator: " ").map(String.init) })
    }()

    /// Words that begin a title of several words ("His Excellency", "Son Excellence", "The Very
    /// Reverend", "M. le Préfet", "Mme la Ministre"): dropped only when a title word follows.
    static let openers: Set<String> = ["his", "her", "son", "sa", "the", "very", "most", "right", "le", "la"]

    /// Whether every word of a parenthesised or comma-separated part is such a word: "(SSP)",
    /// "(Rtd)", ", PhD".
    static func isOnlyTitles(_ words: [String]) -> Bool { !words.isEmpty && words.allSatisfy(Self.words.contains) }
}
