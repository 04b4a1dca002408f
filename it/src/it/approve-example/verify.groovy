// approve writes src/main/spec/spec.approval.json (every model, sorted keys, the outputTimestamp as date); verify
// then passes with requireApproval=fail; the edited spec fails naming stg_customers only, at its name.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert !log.contains('\tat ')
def approval = new File(basedir, 'src/main/spec/spec.approval.json')
assert approval.isFile()
def text = approval.getText('UTF-8')
assert !text.contains('\r')
def json = new JsonSlurper().parseText(text)
assert json.formatVersion == 1
assert json.models.keySet() as List == ['dim_customers', 'fact_customer_value', 'fact_orders', 'stg_customers',
                                       'stg_orders', 'stg_web_activity']
json.models.each { name, a ->
    assert a.approver == 'ada.lovelace'
    assert a.date == '2026-01-01T00:00:00Z'
    assert a.hash ==~ /[0-9a-f]{64}/
    assert a.pluginVersion
}
assert log.contains('[INFO] approved src/main/spec/spec.json in src/main/spec/spec.approval.json: 6 models approved by ada.lovelace, 0 unchanged since approval, 0 removed')
// 2: verify passes (validate with requireApproval=fail, then the tests)
assert log.contains('[INFO] spec src/main/spec/spec.json is valid: 6 models')
// 3: only the edited model is named
def findings = log.readLines().findAll { it.contains('[SP52') }
assert findings.size() == 1 : findings
assert findings[0] ==~ /\[ERROR\] src\/main\/edited\/spec\.json:11:15: error\[SP521\] model 'stg_customers' changed since it was approved by ada\.lovelace on 2026-01-01T00:00:00Z \(src\/main\/edited\/spec\.approval\.json\).*/
assert log.contains('; not approved as they are: stg_customers')
// 4: no approver
assert log.contains('spec-pipeline approve: say who approves: -Dspecpipeline.approver="Your Name"')
assert log.count('BUILD SUCCESS') == 2
assert log.count('BUILD FAILURE') == 2
return true
