import OversightDomain

/// A FICTIONAL 2027 holiday notice (no State Council notice for 2027 is used or implied), the same days in both of
/// `HolidayNotice`'s formats, and bad notices whose problems sit on known lines.
///
/// The year: 元旦 2027-01-01 to 01-03 off; a fictional 腊八 holiday 2027-01-20 (Wednesday) to 01-22 (Friday) off,
/// with Sunday 2027-01-24 an adjusted working day (调休上班); 春节 2027-02-06 to 02-12 off, working Sunday 01-31
/// and Saturday 02-20; 劳动节 05-01 to 05-05 off, working Saturday 05-08; 国庆节 10-01 to 10-07 off, working
/// Sunday 09-26 and Saturday 10-09. The days are listed out of date order (each holiday's working days after its
/// days off), as notices list them.
///
/// **The re-clocked deadline:** a suggestion served on 2026-11-20 has a two-month reply period
/// (`ClockRuleID.suggestionReply`) whose raw end is Wednesday 2027-01-20. With no 2027 calendar that day is a
/// working day and the deadline is 2027-01-20, provisional. Under this notice 01-20, 01-21 and 01-22 are days
/// off and Saturday 01-23 a weekend, but Sunday 01-24 is an adjusted working day, so under the standard clock
/// settings (`AdjustedWorkdayReading.workingDay`) the deadline is **Sunday 2027-01-24**, not provisional (it would
/// be Monday 2027-01-25 only under the `restDay` reading). `HolidayNoticeTests` checks this with `PeriodCalculator`.
public enum HolidayNoticeFixtures {
    public enum Format: Sendable, CaseIterable {
        case json, csv
    }

    public static let title = "国务院办公厅关于2027年部分节假日安排的通知（测试用虚构）"
    public static let document = "国办发明电〔2026〕99号"
    public static let published = "2026-11-10"
    public static let note = "虚构的\"测试\"通知，不是国务院的通知。Fictional, for tests only."

    /// The fictional 2027 notice as JSON, in the form of `Resources/holidays/*.json`: the days on lines 9 to 39
    /// (2027-01-24 on line 15).
    public static let fictional2027JSON: String = #"""
        {
         "year": 2027,
         "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用虚构）",
         "document": "国办发明电〔2026〕99号",
         "published": "2026-11-10",
         "confirmed": true,
         "note": "虚构的\"测试\"通知，不是国务院的通知。Fictional, for tests only.",
         "days": [
          {"date": "2027-01-01", "name": "元旦", "off": true},
          {"date": "2027-01-02", "name": "元旦", "off": true},
          {"date": "2027-01-03", "name": "元旦", "off": true},
          {"date": "2027-01-20", "name": "腊八", "off": true},
          {"date": "2027-01-21", "name": "腊八", "off": true},
          {"date": "2027-01-22", "name": "腊八", "off": true},
          {"date": "2027-01-24", "name": "腊八", "off": false},
          {"date": "2027-02-06", "name": "春节", "off": true},
          {"date": "2027-02-07", "name": "春节", "off": true},
          {"date": "2027-02-08", "name": "春节", "off": true},
          {"date": "2027-02-09", "name": "春节", "off": true},
          {"date": "2027-02-10", "name": "春节", "off": true},
          {"date": "2027-02-11", "name": "春节", "off": true},
          {"date": "2027-02-12", "name": "春节", "off": true},
          {"date": "2027-01-31", "name": "春节", "off": false},
          {"date": "2027-02-20", "name": "春节", "off": false},
          {"date": "2027-05-01", "name": "劳动节", "off": true},
          {"date": "2027-05-02", "name": "劳动节", "off": true},
          {"date": "2027-05-03", "name": "劳动节", "off": true},
          {"date": "2027-05-04", "name": "劳动节", "off": true},
          {"date": "2027-05-05", "name": "劳动节", "off": true},
          {"date": "2027-05-08", "name": "劳动节", "off": false},
          {"date": "2027-10-01", "name": "国庆节", "off": true},
          {"date": "2027-10-02", "name": "国庆节", "off": true},
          {"date": "2027-10-03", "name": "国庆节", "off": true},
          {"date": "2027-10-04", "name": "国庆节", "off": true},
          {"date": "2027-10-05", "name": "国庆节", "off": true},
          {"date": "2027-10-06", "name": "国庆节", "off": true},
          {"date": "2027-10-07", "name": "国庆节", "off": true},
          {"date": "2027-09-26", "name": "国庆节", "off": false},
          {"date": "2027-10-09", "name": "国庆节", "off": false}
         ]
        }
        """#

    /// The same notice as a clerk's CSV with Chinese keys and words: keys on lines 1 to 5 (the note quoted, with
    /// `""` escapes), a blank line 6, the header on line 7, the days on lines 8 to 38 (2027-01-24 on line 14).
    public static let fictional2027CSV: String = #"""
        年份,2027
        通知,国务院办公厅关于2027年部分节假日安排的通知（测试用虚构）
        文号,国办发明电〔2026〕99号
        发布日期,2026-11-10
        说明,"虚构的""测试""通知，不是国务院的通知。Fictional, for tests only."

        日期,名称,安排
        2027-01-01,元旦,休
        2027-01-02,元旦,休
        2027-01-03,元旦,休
        2027-01-20,腊八,休
        2027-01-21,腊八,休
        2027-01-22,腊八,休
        2027-01-24,腊八,班
        2027-02-06,春节,休
        2027-02-07,春节,休
        2027-02-08,春节,休
        2027-02-09,春节,休
        2027-02-10,春节,休
        2027-02-11,春节,休
        2027-02-12,春节,休
        2027-01-31,春节,班
        2027-02-20,春节,班
        2027-05-01,劳动节,休
        2027-05-02,劳动节,休
        2027-05-03,劳动节,休
        2027-05-04,劳动节,休
        2027-05-05,劳动节,休
        2027-05-08,劳动节,班
        2027-10-01,国庆节,休
        2027-10-02,国庆节,休
        2027-10-03,国庆节,休
        2027-10-04,国庆节,休
        2027-10-05,国庆节,休
        2027-10-06,国庆节,休
        2027-10-07,国庆节,休
        2027-09-26,国庆节,班
        2027-10-09,国庆节,班
        """#

    /// The day of the two-month suggestion reply deadline served 2026-11-20 under the fictional notice.
    public static let reclockedDue = "2027-01-24"

    /// A 2027 notice listing 2028-01-01: one problem, `dateOutsideYear(2028-01-01, year: 2027)`, on **line 7**
    /// in JSON and **line 6** in CSV (English keys and words).
    public static func badNoticeDateOutsideYear(_ format: Format) -> String {
        switch format {
        case .json:
            return """
                {
                 "year": 2027,
                 "source": "\(title)",
                 "published": "2026-11-10",
                 "days": [
                  {"date": "2027-01-01", "name": "元旦", "off": true},
                  {"date": "2028-01-01", "name": "元旦", "off": true}
                 ]
                }
                """
        case .csv:
            return """
                year,2027
                notice,\(title)
                published,2026-11-10
                date,name,type
                2027-01-01,元旦,off
                2028-01-01,元旦,off
                """
        }
    }

    /// A 2027 notice listing Saturday 2027-02-06 as a day off and again as a working day: one problem,
    /// `restAndWork(2027-02-06, firstLine:)`, on **line 7** (first listed on line 6) in JSON and **line 6**
    /// (first on line 5) in CSV (Chinese keys and words).
    public static func badNoticeRestAndWork(_ format: Format) -> String {
        switch format {
        case .json:
            return """
                {
                 "year": 2027,
                 "source": "\(title)",
                 "published": "2026-11-10",
                 "days": [
                  {"date": "2027-02-06", "name": "春节", "off": true},
                  {"date": "2027-02-06", "name": "春节", "off": false}
                 ]
                }
                """
        case .csv:
            return """
                年份,2027
                通知,\(title)
                发布日期,2026-11-10
                日期,名称,安排
                2027-02-06,春节,休
                2027-02-06,春节,班
                """
        }
    }
}
