// @ts-nocheck -- generated from schemas/*.schema.json by ajv standalone; do not edit.
// Refresh after changing a schema: npm run generate:validators
/* eslint-disable */
import ajvRuntime_equal from "ajv/dist/runtime/equal.js";
import ajvRuntime_ucs2length from "ajv/dist/runtime/ucs2length.js";
const ajvRuntime = (module) => (typeof module === "function" ? module : module.default);
export const Experiment = validate11;
const schema12 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://ldexp.dev/schemas/v1/experiment.schema.json","title":"ldexp Experiment","description":"A LaunchDarkly experiment and its current iteration, managed by ldexp (kind: Experiment).","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"const":"ldexp/v1","description":"Manifest format version; always ldexp/v1."},"kind":{"const":"Experiment"},"metadata":{"type":"object","additionalProperties":false,"required":["key"],"description":"Where the experiment lives. project/environment fall back to --project/--environment, then the Config document.","properties":{"key":{"$ref":"#/definitions/key","description":"Experiment key, unique per project and environment."},"project":{"$ref":"#/definitions/key","description":"Project key (default: --project, then Config)."},"environment":{"$ref":"#/definitions/key","description":"Environment key (default: --environment, then Config). Not together with environments."},"environments":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/definitions/key"},"description":"One experiment per listed environment. Not together with environment."}}},"spec":{"type":"object","additionalProperties":false,"required":["name","state","iteration"],"properties":{"name":{"type":"string","minLength":1,"description":"Experiment name."},"description":{"type":"string","description":"Experiment description."},"maintainerId":{"type":"string","minLength":1,"description":"ID of the member who maintains the experiment."},"tags":{"type":"array","items":{"type":"string","minLength":1},"description":"Tags; order is ignored."},"methodology":{"enum":["bayesian","frequentist","export_only"],"default":"bayesian","description":"Results analysis approach."},"dataSource":{"type":"string","minLength":1,"default":"launchdarkly","examples":["launchdarkly","snowflake"],"description":"Source of metric data: launchdarkly or snowflake. Other values are warned about, not rejected."},"type":{"enum":["experiment","mab"],"default":"experiment","description":"experiment, or mab for a multi-armed bandit."},"analysis":{"type":"object","additionalProperties":false,"description":"Analysis configuration (analysisConfig).","properties":{"bayesianThreshold":{"type":"number","description":"Probability-to-beat-baseline threshold (Bayesian)."},"significanceThreshold":{"type":"number","description":"Significance threshold (frequentist)."},"testDirection":{"type":"string","minLength":1,"description":"Test direction (frequentist), e.g. two-sided."},"multipleComparisonCorrection":{"type":"object","additionalProperties":false,"required":["method","scope"],"properties":{"method":{"enum":["bonferroni","benjamini-hochberg"]},"scope":{"enum":["variations","variations-and-metrics","metrics"]}}},"sequentialTesting":{"type":"boolean","description":"Sequential testing (frequentist)."}}},"holdout":{"title":"a holdout key (letters, digits, '.', '_' or '-'), or null to remove the experiment from its holdout","description":"Key of the holdout the experiment joins; joined at creation only. Omitted: membership is not managed. null: remove the experiment from its holdout (irreversible: it can never rejoin).","anyOf":[{"type":"string","pattern":"^[A-Za-z0-9._-]+$"},{"type":"null"}]},"state":{"enum":["draft","running","stopped","archived"],"description":"Desired state of the experiment."},"iteration":{"type":"object","additionalProperties":false,"required":["hypothesis","flags","treatments"],"description":"The design of the current iteration.","properties":{"hypothesis":{"type":"string","minLength":1},"randomizationUnit":{"type":"string","minLength":1,"default":"user","description":"A context kind of the project."},"attributes":{"type":"array","maxItems":5,"items":{"type":"string","minLength":1},"description":"Context attributes to slice results by; at most 5, order is ignored."},"canReshuffleTraffic":{"type":"boolean","default":true,"description":"Whether a new iteration may reassign contexts."},"reallocationFrequencyMillis":{"type":"integer","minimum":1,"description":"Multi-armed bandits only: how often traffic is reallocated."},"primaryMetric":{"type":"string","minLength":1,"description":"Primary metric key (or use primaryFunnel)."},"primaryFunnel":{"type":"string","minLength":1,"description":"Primary funnel metric group key (or use primaryMetric)."},"metrics":{"type":"array","items":{"$ref":"#/definitions/metricRef"},"description":"Metrics and metric groups; the primary is included automatically.","default":[]},"flags":{"type":"object","minProperties":1,"propertyNames":{"$ref":"#/definitions/key"},"additionalProperties":{"$ref":"#/definitions/flag"},"description":"The flags of the experiment, by flag key."},"treatments":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/treatment"}},"changeJustification":{"type":"string","minLength":1,"description":"Why the plan may restart the running iteration (its results start again from zero); needed together with replacesIteration."},"replacesIteration":{"type":"integer","minimum":1,"description":"The number of the running iteration (1 for the first, as LaunchDarkly counts them) that this change ends; a restart is allowed only when it names the iteration running now."}}},"stop":{"type":"object","additionalProperties":false,"required":["winner"],"description":"Required when state is stopped.","properties":{"winner":{"type":"string","minLength":1,"description":"Name of the winning treatment."},"reason":{"type":"string"}}},"ignore":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/fieldPointer"},"description":"Fields handed to the LaunchDarkly UI (JSON pointers into this document, e.g. /spec/tags, /spec/iteration/attributes): never diffed or written for an existing experiment; a create sends the manifest's value when given. See docs/manifest-format.md (Field ownership) for the fields that may be listed."}}}},"definitions":{"key":{"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."},"metricRef":{"title":"a metric key, or { group: <metric group key> }","description":"A metric key, or a metric group as { group: <key> }.","anyOf":[{"type":"string","minLength":1,"description":"A metric key."},{"type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1,"description":"A metric group key."}}}]},"variationRef":{"title":"a variation reference: a variation name or value, or { id }, { name } or { value }","description":"A variation of the flag: a string matches a variation's name, then its value; or { id: ... }, { name: ... }, { value: <any JSON> }.","anyOf":[{"type":["string","number","boolean"]},{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["value"],"properties":{"value":{}}}]},"ruleRef":{"title":"a rule reference: fallthrough, a rule's ref, _id or description, or { id }, { ref } or { description }","description":"Which targeting of the flag the experiment runs on: fallthrough, or a rule matched by ref, then _id, then description; or an explicit { id }, { ref } or { description }.","anyOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["ref"],"properties":{"ref":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","minLength":1}}}]},"flag":{"type":"object","additionalProperties":false,"required":["rule"],"properties":{"rule":{"$ref":"#/definitions/ruleRef"},"notInExperiment":{"$ref":"#/definitions/variationRef","description":"Variation served to contexts outside the experiment (default: the baseline's)."}}},"treatment":{"type":"object","additionalProperties":false,"required":["name","allocationPercent"],"properties":{"name":{"type":"string","minLength":1},"baseline":{"type":"boolean","default":false,"description":"Exactly one treatment is the baseline."},"allocationPercent":{"type":"number","minimum":0,"maximum":100,"description":"Share of traffic; all treatments sum to 100."},"variation":{"$ref":"#/definitions/variationRef","description":"Shorthand for variations when the iteration has exactly one flag."},"variations":{"type":"object","propertyNames":{"$ref":"#/definitions/key"},"additionalProperties":{"$ref":"#/definitions/variationRef"},"description":"One variation per flag of the iteration, by flag key."}}},"fieldPointer":{"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."}}};
const schema13 = {"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."};
const schema17 = {"title":"a metric key, or { group: <metric group key> }","description":"A metric key, or a metric group as { group: <key> }.","anyOf":[{"type":"string","minLength":1,"description":"A metric key."},{"type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1,"description":"A metric group key."}}}]};
const schema26 = {"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."};
const pattern0 = new RegExp("^[A-Za-z0-9._-]+$", "u");
const pattern7 = new RegExp("^(/[^/]+)+$", "u");
const func0 = ajvRuntime(ajvRuntime_equal);
const func3 = Object.prototype.hasOwnProperty;
const func4 = ajvRuntime(ajvRuntime_ucs2length);
const schema19 = {"type":"object","additionalProperties":false,"required":["rule"],"properties":{"rule":{"$ref":"#/definitions/ruleRef"},"notInExperiment":{"$ref":"#/definitions/variationRef","description":"Variation served to contexts outside the experiment (default: the baseline's)."}}};
const schema20 = {"title":"a rule reference: fallthrough, a rule's ref, _id or description, or { id }, { ref } or { description }","description":"Which targeting of the flag the experiment runs on: fallthrough, or a rule matched by ref, then _id, then description; or an explicit { id }, { ref } or { description }.","anyOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["ref"],"properties":{"ref":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["description"],"properties":{"description":{"type":"string","minLength":1}}}]};
const schema21 = {"title":"a variation reference: a variation name or value, or { id }, { name } or { value }","description":"A variation of the flag: a string matches a variation's name, then its value; or { id: ... }, { name: ... }, { value: <any JSON> }.","anyOf":[{"type":["string","number","boolean"]},{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1}}},{"type":"object","additionalProperties":false,"required":["value"],"properties":{"value":{}}}]};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.rule === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "rule"},message:"must have required property '"+"rule"+"'",schema:schema19.required,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "rule") || (key0 === "notInExperiment"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.rule !== undefined){
let data0 = data.rule;
const _errs4 = errors;
let valid2 = false;
const _errs5 = errors;
if(typeof data0 === "string"){
if(func4(data0) < 1){
const err2 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema20.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.anyOf[0].type,parentSchema:schema20.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs7 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.id === undefined){
const err4 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/1/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema20.anyOf[1].required,parentSchema:schema20.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 in data0){
if(!(key1 === "id")){
const err5 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema20.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data0.id !== undefined){
let data1 = data0.id;
if(typeof data1 === "string"){
if(func4(data1) < 1){
const err6 = {instancePath:instancePath+"/rule/id",schemaPath:"#/definitions/ruleRef/anyOf/1/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema20.anyOf[1].properties.id,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/rule/id",schemaPath:"#/definitions/ruleRef/anyOf/1/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.anyOf[1].properties.id.type,parentSchema:schema20.anyOf[1].properties.id,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.anyOf[1].type,parentSchema:schema20.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs12 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.ref === undefined){
const err9 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/2/required",keyword:"required",params:{missingProperty: "ref"},message:"must have required property '"+"ref"+"'",schema:schema20.anyOf[2].required,parentSchema:schema20.anyOf[2],data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key2 in data0){
if(!(key2 === "ref")){
const err10 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema20.anyOf[2],data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.ref !== undefined){
let data2 = data0.ref;
if(typeof data2 === "string"){
if(func4(data2) < 1){
const err11 = {instancePath:instancePath+"/rule/ref",schemaPath:"#/definitions/ruleRef/anyOf/2/properties/ref/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema20.anyOf[2].properties.ref,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/rule/ref",schemaPath:"#/definitions/ruleRef/anyOf/2/properties/ref/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.anyOf[2].properties.ref.type,parentSchema:schema20.anyOf[2].properties.ref,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.anyOf[2].type,parentSchema:schema20.anyOf[2],data:data0};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs12 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs17 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.description === undefined){
const err14 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/3/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'",schema:schema20.anyOf[3].required,parentSchema:schema20.anyOf[3],data:data0};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key3 in data0){
if(!(key3 === "description")){
const err15 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema20.anyOf[3],data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data0.description !== undefined){
let data3 = data0.description;
if(typeof data3 === "string"){
if(func4(data3) < 1){
const err16 = {instancePath:instancePath+"/rule/description",schemaPath:"#/definitions/ruleRef/anyOf/3/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema20.anyOf[3].properties.description,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/rule/description",schemaPath:"#/definitions/ruleRef/anyOf/3/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.anyOf[3].properties.description.type,parentSchema:schema20.anyOf[3].properties.description,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.anyOf[3].type,parentSchema:schema20.anyOf[3],data:data0};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid0 = _errs17 === errors;
valid2 = valid2 || _valid0;
}
}
}
if(!valid2){
const err19 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ruleRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema20.anyOf,parentSchema:schema20,data:data0};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.notInExperiment !== undefined){
let data4 = data.notInExperiment;
const _errs24 = errors;
let valid7 = false;
const _errs25 = errors;
if(((typeof data4 !== "string") && (!((typeof data4 == "number") && (isFinite(data4))))) && (typeof data4 !== "boolean")){
const err20 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/0/type",keyword:"type",params:{type: schema21.anyOf[0].type},message:"must be string,number,boolean",schema:schema21.anyOf[0].type,parentSchema:schema21.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var _valid1 = _errs25 === errors;
valid7 = valid7 || _valid1;
if(!valid7){
const _errs27 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.id === undefined){
const err21 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/1/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema21.anyOf[1].required,parentSchema:schema21.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key4 in data4){
if(!(key4 === "id")){
const err22 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data4.id !== undefined){
let data5 = data4.id;
if(typeof data5 === "string"){
if(func4(data5) < 1){
const err23 = {instancePath:instancePath+"/notInExperiment/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[1].properties.id,data:data5};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/notInExperiment/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[1].properties.id.type,parentSchema:schema21.anyOf[1].properties.id,data:data5};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[1].type,parentSchema:schema21.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var _valid1 = _errs27 === errors;
valid7 = valid7 || _valid1;
if(!valid7){
const _errs32 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.name === undefined){
const err26 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/2/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema21.anyOf[2].required,parentSchema:schema21.anyOf[2],data:data4};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key5 in data4){
if(!(key5 === "name")){
const err27 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[2],data:data4};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data4.name !== undefined){
let data6 = data4.name;
if(typeof data6 === "string"){
if(func4(data6) < 1){
const err28 = {instancePath:instancePath+"/notInExperiment/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[2].properties.name,data:data6};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/notInExperiment/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[2].properties.name.type,parentSchema:schema21.anyOf[2].properties.name,data:data6};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[2].type,parentSchema:schema21.anyOf[2],data:data4};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
var _valid1 = _errs32 === errors;
valid7 = valid7 || _valid1;
if(!valid7){
const _errs37 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.value === undefined){
const err31 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/3/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema21.anyOf[3].required,parentSchema:schema21.anyOf[3],data:data4};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key6 in data4){
if(!(key6 === "value")){
const err32 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[3],data:data4};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[3].type,parentSchema:schema21.anyOf[3],data:data4};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid1 = _errs37 === errors;
valid7 = valid7 || _valid1;
}
}
}
if(!valid7){
const err34 = {instancePath:instancePath+"/notInExperiment",schemaPath:"#/definitions/variationRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema21.anyOf,parentSchema:schema21,data:data4};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
else {
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err35 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema19.type,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema22 = {"type":"object","additionalProperties":false,"required":["name","allocationPercent"],"properties":{"name":{"type":"string","minLength":1},"baseline":{"type":"boolean","default":false,"description":"Exactly one treatment is the baseline."},"allocationPercent":{"type":"number","minimum":0,"maximum":100,"description":"Share of traffic; all treatments sum to 100."},"variation":{"$ref":"#/definitions/variationRef","description":"Shorthand for variations when the iteration has exactly one flag."},"variations":{"type":"object","propertyNames":{"$ref":"#/definitions/key"},"additionalProperties":{"$ref":"#/definitions/variationRef"},"description":"One variation per flag of the iteration, by flag key."}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.allocationPercent === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "allocationPercent"},message:"must have required property '"+"allocationPercent"+"'",schema:schema22.required,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "baseline")) || (key0 === "allocationPercent")) || (key0 === "variation")) || (key0 === "variations"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func4(data0) < 1){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema22.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.name.type,parentSchema:schema22.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.baseline !== undefined){
let data1 = data.baseline;
if(typeof data1 !== "boolean"){
const err5 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.baseline.type,parentSchema:schema22.properties.baseline,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.allocationPercent !== undefined){
let data2 = data.allocationPercent;
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 100 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/allocationPercent",schemaPath:"#/properties/allocationPercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema22.properties.allocationPercent,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/allocationPercent",schemaPath:"#/properties/allocationPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema22.properties.allocationPercent,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/allocationPercent",schemaPath:"#/properties/allocationPercent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema22.properties.allocationPercent.type,parentSchema:schema22.properties.allocationPercent,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.variation !== undefined){
let data3 = data.variation;
const _errs10 = errors;
let valid2 = false;
const _errs11 = errors;
if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){
const err9 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/0/type",keyword:"type",params:{type: schema21.anyOf[0].type},message:"must be string,number,boolean",schema:schema21.anyOf[0].type,parentSchema:schema21.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs11 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs13 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.id === undefined){
const err10 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/1/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema21.anyOf[1].required,parentSchema:schema21.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data3){
if(!(key1 === "id")){
const err11 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.id !== undefined){
let data4 = data3.id;
if(typeof data4 === "string"){
if(func4(data4) < 1){
const err12 = {instancePath:instancePath+"/variation/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[1].properties.id,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/variation/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[1].properties.id.type,parentSchema:schema21.anyOf[1].properties.id,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[1].type,parentSchema:schema21.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs13 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs18 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.name === undefined){
const err15 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/2/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema21.anyOf[2].required,parentSchema:schema21.anyOf[2],data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key2 in data3){
if(!(key2 === "name")){
const err16 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[2],data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.name !== undefined){
let data5 = data3.name;
if(typeof data5 === "string"){
if(func4(data5) < 1){
const err17 = {instancePath:instancePath+"/variation/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[2].properties.name,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/variation/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[2].properties.name.type,parentSchema:schema21.anyOf[2].properties.name,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[2].type,parentSchema:schema21.anyOf[2],data:data3};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs18 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs23 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.value === undefined){
const err20 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/3/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema21.anyOf[3].required,parentSchema:schema21.anyOf[3],data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
for(const key3 in data3){
if(!(key3 === "value")){
const err21 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[3],data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[3].type,parentSchema:schema21.anyOf[3],data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid0 = _errs23 === errors;
valid2 = valid2 || _valid0;
}
}
}
if(!valid2){
const err23 = {instancePath:instancePath+"/variation",schemaPath:"#/definitions/variationRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema21.anyOf,parentSchema:schema21,data:data3};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
else {
errors = _errs10;
if(vErrors !== null){
if(_errs10){
vErrors.length = _errs10;
}
else {
vErrors = null;
}
}
}
}
if(data.variations !== undefined){
let data6 = data.variations;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key4 in data6){
const _errs28 = errors;
if(typeof key4 === "string"){
if(!pattern0.test(key4)){
const err24 = {instancePath:instancePath+"/variations",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/variations",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var valid5 = _errs28 === errors;
if(!valid5){
const err26 = {instancePath:instancePath+"/variations",schemaPath:"#/properties/variations/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid",schema:schema22.properties.variations.propertyNames,parentSchema:schema22.properties.variations,data:data6};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
for(const key5 in data6){
let data7 = data6[key5];
const _errs34 = errors;
let valid9 = false;
const _errs35 = errors;
if(((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))) && (typeof data7 !== "boolean")){
const err27 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/0/type",keyword:"type",params:{type: schema21.anyOf[0].type},message:"must be string,number,boolean",schema:schema21.anyOf[0].type,parentSchema:schema21.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid1 = _errs35 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const _errs37 = errors;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.id === undefined){
const err28 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/1/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema21.anyOf[1].required,parentSchema:schema21.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key6 in data7){
if(!(key6 === "id")){
const err29 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data7.id !== undefined){
let data8 = data7.id;
if(typeof data8 === "string"){
if(func4(data8) < 1){
const err30 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[1].properties.id,data:data8};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/id",schemaPath:"#/definitions/variationRef/anyOf/1/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[1].properties.id.type,parentSchema:schema21.anyOf[1].properties.id,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[1].type,parentSchema:schema21.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
var _valid1 = _errs37 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const _errs42 = errors;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.name === undefined){
const err33 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/2/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema21.anyOf[2].required,parentSchema:schema21.anyOf[2],data:data7};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key7 in data7){
if(!(key7 === "name")){
const err34 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[2],data:data7};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data7.name !== undefined){
let data9 = data7.name;
if(typeof data9 === "string"){
if(func4(data9) < 1){
const err35 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema21.anyOf[2].properties.name,data:data9};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/definitions/variationRef/anyOf/2/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.anyOf[2].properties.name.type,parentSchema:schema21.anyOf[2].properties.name,data:data9};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[2].type,parentSchema:schema21.anyOf[2],data:data7};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid1 = _errs42 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const _errs47 = errors;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.value === undefined){
const err38 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/3/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema21.anyOf[3].required,parentSchema:schema21.anyOf[3],data:data7};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key8 in data7){
if(!(key8 === "value")){
const err39 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema21.anyOf[3],data:data7};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.anyOf[3].type,parentSchema:schema21.anyOf[3],data:data7};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
var _valid1 = _errs47 === errors;
valid9 = valid9 || _valid1;
}
}
}
if(!valid9){
const err41 = {instancePath:instancePath+"/variations/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variationRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema21.anyOf,parentSchema:schema21,data:data7};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
else {
errors = _errs34;
if(vErrors !== null){
if(_errs34){
vErrors.length = _errs34;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/variations",schemaPath:"#/properties/variations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.properties.variations.type,parentSchema:schema22.properties.variations,data:data6};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://ldexp.dev/schemas/v1/experiment.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("ldexp/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "ldexp/v1"},message:"must be equal to constant",schema:"ldexp/v1",parentSchema:schema12.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Experiment" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Experiment"},message:"must be equal to constant",schema:"Experiment",parentSchema:schema12.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.key === undefined){
const err7 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema12.properties.metadata.required,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data2){
if(!((((key1 === "key") || (key1 === "project")) || (key1 === "environment")) || (key1 === "environments"))){
const err8 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.key !== undefined){
let data3 = data2.key;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err9 = {instancePath:instancePath+"/metadata/key",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/metadata/key",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.project !== undefined){
let data4 = data2.project;
if(typeof data4 === "string"){
if(!pattern0.test(data4)){
const err11 = {instancePath:instancePath+"/metadata/project",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/metadata/project",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.environment !== undefined){
let data5 = data2.environment;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err13 = {instancePath:instancePath+"/metadata/environment",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/metadata/environment",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data2.environments !== undefined){
let data6 = data2.environments;
if(Array.isArray(data6)){
if(data6.length < 1){
const err15 = {instancePath:instancePath+"/metadata/environments",schemaPath:"#/properties/metadata/properties/environments/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.metadata.properties.environments,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 === "string"){
if(!pattern0.test(data7)){
const err16 = {instancePath:instancePath+"/metadata/environments/" + i0,schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/metadata/environments/" + i0,schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i1 = data6.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data6[i1], data6[j0])){
const err18 = {instancePath:instancePath+"/metadata/environments",schemaPath:"#/properties/metadata/properties/environments/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema12.properties.metadata.properties.environments,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/metadata/environments",schemaPath:"#/properties/metadata/properties/environments/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.metadata.properties.environments.type,parentSchema:schema12.properties.metadata.properties.environments,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.metadata.type,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.spec !== undefined){
let data8 = data.spec;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.name === undefined){
const err21 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.properties.spec.required,parentSchema:schema12.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data8.state === undefined){
const err22 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "state"},message:"must have required property '"+"state"+"'",schema:schema12.properties.spec.required,parentSchema:schema12.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data8.iteration === undefined){
const err23 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "iteration"},message:"must have required property '"+"iteration"+"'",schema:schema12.properties.spec.required,parentSchema:schema12.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key2 in data8){
if(!(func3.call(schema12.properties.spec.properties, key2))){
const err24 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data8.name !== undefined){
let data9 = data8.name;
if(typeof data9 === "string"){
if(func4(data9) < 1){
const err25 = {instancePath:instancePath+"/spec/name",schemaPath:"#/properties/spec/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.name,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/spec/name",schemaPath:"#/properties/spec/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.name.type,parentSchema:schema12.properties.spec.properties.name,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data8.description !== undefined){
let data10 = data8.description;
if(typeof data10 !== "string"){
const err27 = {instancePath:instancePath+"/spec/description",schemaPath:"#/properties/spec/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.description.type,parentSchema:schema12.properties.spec.properties.description,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data8.maintainerId !== undefined){
let data11 = data8.maintainerId;
if(typeof data11 === "string"){
if(func4(data11) < 1){
const err28 = {instancePath:instancePath+"/spec/maintainerId",schemaPath:"#/properties/spec/properties/maintainerId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.maintainerId,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/spec/maintainerId",schemaPath:"#/properties/spec/properties/maintainerId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.maintainerId.type,parentSchema:schema12.properties.spec.properties.maintainerId,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data8.tags !== undefined){
let data12 = data8.tags;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i2=0; i2<len1; i2++){
let data13 = data12[i2];
if(typeof data13 === "string"){
if(func4(data13) < 1){
const err30 = {instancePath:instancePath+"/spec/tags/" + i2,schemaPath:"#/properties/spec/properties/tags/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.tags.items,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/spec/tags/" + i2,schemaPath:"#/properties/spec/properties/tags/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.tags.items.type,parentSchema:schema12.properties.spec.properties.tags.items,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/spec/tags",schemaPath:"#/properties/spec/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.tags.type,parentSchema:schema12.properties.spec.properties.tags,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data8.methodology !== undefined){
let data14 = data8.methodology;
if(!(((data14 === "bayesian") || (data14 === "frequentist")) || (data14 === "export_only"))){
const err33 = {instancePath:instancePath+"/spec/methodology",schemaPath:"#/properties/spec/properties/methodology/enum",keyword:"enum",params:{allowedValues: schema12.properties.spec.properties.methodology.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.spec.properties.methodology.enum,parentSchema:schema12.properties.spec.properties.methodology,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data8.dataSource !== undefined){
let data15 = data8.dataSource;
if(typeof data15 === "string"){
if(func4(data15) < 1){
const err34 = {instancePath:instancePath+"/spec/dataSource",schemaPath:"#/properties/spec/properties/dataSource/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.dataSource,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/spec/dataSource",schemaPath:"#/properties/spec/properties/dataSource/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.dataSource.type,parentSchema:schema12.properties.spec.properties.dataSource,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data8.type !== undefined){
let data16 = data8.type;
if(!((data16 === "experiment") || (data16 === "mab"))){
const err36 = {instancePath:instancePath+"/spec/type",schemaPath:"#/properties/spec/properties/type/enum",keyword:"enum",params:{allowedValues: schema12.properties.spec.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.spec.properties.type.enum,parentSchema:schema12.properties.spec.properties.type,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data8.analysis !== undefined){
let data17 = data8.analysis;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key3 in data17){
if(!(((((key3 === "bayesianThreshold") || (key3 === "significanceThreshold")) || (key3 === "testDirection")) || (key3 === "multipleComparisonCorrection")) || (key3 === "sequentialTesting"))){
const err37 = {instancePath:instancePath+"/spec/analysis",schemaPath:"#/properties/spec/properties/analysis/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec.properties.analysis,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data17.bayesianThreshold !== undefined){
let data18 = data17.bayesianThreshold;
if(!((typeof data18 == "number") && (isFinite(data18)))){
const err38 = {instancePath:instancePath+"/spec/analysis/bayesianThreshold",schemaPath:"#/properties/spec/properties/analysis/properties/bayesianThreshold/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.spec.properties.analysis.properties.bayesianThreshold.type,parentSchema:schema12.properties.spec.properties.analysis.properties.bayesianThreshold,data:data18};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data17.significanceThreshold !== undefined){
let data19 = data17.significanceThreshold;
if(!((typeof data19 == "number") && (isFinite(data19)))){
const err39 = {instancePath:instancePath+"/spec/analysis/significanceThreshold",schemaPath:"#/properties/spec/properties/analysis/properties/significanceThreshold/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.spec.properties.analysis.properties.significanceThreshold.type,parentSchema:schema12.properties.spec.properties.analysis.properties.significanceThreshold,data:data19};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data17.testDirection !== undefined){
let data20 = data17.testDirection;
if(typeof data20 === "string"){
if(func4(data20) < 1){
const err40 = {instancePath:instancePath+"/spec/analysis/testDirection",schemaPath:"#/properties/spec/properties/analysis/properties/testDirection/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.analysis.properties.testDirection,data:data20};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/spec/analysis/testDirection",schemaPath:"#/properties/spec/properties/analysis/properties/testDirection/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.analysis.properties.testDirection.type,parentSchema:schema12.properties.spec.properties.analysis.properties.testDirection,data:data20};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data17.multipleComparisonCorrection !== undefined){
let data21 = data17.multipleComparisonCorrection;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.method === undefined){
const err42 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'",schema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.required,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection,data:data21};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data21.scope === undefined){
const err43 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'",schema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.required,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
for(const key4 in data21){
if(!((key4 === "method") || (key4 === "scope"))){
const err44 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data21.method !== undefined){
let data22 = data21.method;
if(!((data22 === "bonferroni") || (data22 === "benjamini-hochberg"))){
const err45 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection/method",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/properties/method/enum",keyword:"enum",params:{allowedValues: schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.method.enum,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.method,data:data22};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data21.scope !== undefined){
let data23 = data21.scope;
if(!(((data23 === "variations") || (data23 === "variations-and-metrics")) || (data23 === "metrics"))){
const err46 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection/scope",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/properties/scope/enum",keyword:"enum",params:{allowedValues: schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.scope.enum,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.properties.scope,data:data23};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/spec/analysis/multipleComparisonCorrection",schemaPath:"#/properties/spec/properties/analysis/properties/multipleComparisonCorrection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection.type,parentSchema:schema12.properties.spec.properties.analysis.properties.multipleComparisonCorrection,data:data21};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data17.sequentialTesting !== undefined){
let data24 = data17.sequentialTesting;
if(typeof data24 !== "boolean"){
const err48 = {instancePath:instancePath+"/spec/analysis/sequentialTesting",schemaPath:"#/properties/spec/properties/analysis/properties/sequentialTesting/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.spec.properties.analysis.properties.sequentialTesting.type,parentSchema:schema12.properties.spec.properties.analysis.properties.sequentialTesting,data:data24};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/spec/analysis",schemaPath:"#/properties/spec/properties/analysis/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.properties.analysis.type,parentSchema:schema12.properties.spec.properties.analysis,data:data17};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data8.holdout !== undefined){
let data25 = data8.holdout;
const _errs55 = errors;
let valid14 = false;
const _errs56 = errors;
if(typeof data25 === "string"){
if(!pattern0.test(data25)){
const err50 = {instancePath:instancePath+"/spec/holdout",schemaPath:"#/properties/spec/properties/holdout/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema12.properties.spec.properties.holdout.anyOf[0],data:data25};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/spec/holdout",schemaPath:"#/properties/spec/properties/holdout/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.holdout.anyOf[0].type,parentSchema:schema12.properties.spec.properties.holdout.anyOf[0],data:data25};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid0 = _errs56 === errors;
valid14 = valid14 || _valid0;
if(!valid14){
const _errs58 = errors;
if(data25 !== null){
const err52 = {instancePath:instancePath+"/spec/holdout",schemaPath:"#/properties/spec/properties/holdout/anyOf/1/type",keyword:"type",params:{type: "null"},message:"must be null",schema:schema12.properties.spec.properties.holdout.anyOf[1].type,parentSchema:schema12.properties.spec.properties.holdout.anyOf[1],data:data25};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
var _valid0 = _errs58 === errors;
valid14 = valid14 || _valid0;
}
if(!valid14){
const err53 = {instancePath:instancePath+"/spec/holdout",schemaPath:"#/properties/spec/properties/holdout/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema12.properties.spec.properties.holdout.anyOf,parentSchema:schema12.properties.spec.properties.holdout,data:data25};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
else {
errors = _errs55;
if(vErrors !== null){
if(_errs55){
vErrors.length = _errs55;
}
else {
vErrors = null;
}
}
}
}
if(data8.state !== undefined){
let data26 = data8.state;
if(!((((data26 === "draft") || (data26 === "running")) || (data26 === "stopped")) || (data26 === "archived"))){
const err54 = {instancePath:instancePath+"/spec/state",schemaPath:"#/properties/spec/properties/state/enum",keyword:"enum",params:{allowedValues: schema12.properties.spec.properties.state.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.spec.properties.state.enum,parentSchema:schema12.properties.spec.properties.state,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data8.iteration !== undefined){
let data27 = data8.iteration;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.hypothesis === undefined){
const err55 = {instancePath:instancePath+"/spec/iteration",schemaPath:"#/properties/spec/properties/iteration/required",keyword:"required",params:{missingProperty: "hypothesis"},message:"must have required property '"+"hypothesis"+"'",schema:schema12.properties.spec.properties.iteration.required,parentSchema:schema12.properties.spec.properties.iteration,data:data27};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data27.flags === undefined){
const err56 = {instancePath:instancePath+"/spec/iteration",schemaPath:"#/properties/spec/properties/iteration/required",keyword:"required",params:{missingProperty: "flags"},message:"must have required property '"+"flags"+"'",schema:schema12.properties.spec.properties.iteration.required,parentSchema:schema12.properties.spec.properties.iteration,data:data27};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(data27.treatments === undefined){
const err57 = {instancePath:instancePath+"/spec/iteration",schemaPath:"#/properties/spec/properties/iteration/required",keyword:"required",params:{missingProperty: "treatments"},message:"must have required property '"+"treatments"+"'",schema:schema12.properties.spec.properties.iteration.required,parentSchema:schema12.properties.spec.properties.iteration,data:data27};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
for(const key5 in data27){
if(!(func3.call(schema12.properties.spec.properties.iteration.properties, key5))){
const err58 = {instancePath:instancePath+"/spec/iteration",schemaPath:"#/properties/spec/properties/iteration/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec.properties.iteration,data:data27};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data27.hypothesis !== undefined){
let data28 = data27.hypothesis;
if(typeof data28 === "string"){
if(func4(data28) < 1){
const err59 = {instancePath:instancePath+"/spec/iteration/hypothesis",schemaPath:"#/properties/spec/properties/iteration/properties/hypothesis/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.hypothesis,data:data28};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/spec/iteration/hypothesis",schemaPath:"#/properties/spec/properties/iteration/properties/hypothesis/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.hypothesis.type,parentSchema:schema12.properties.spec.properties.iteration.properties.hypothesis,data:data28};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data27.randomizationUnit !== undefined){
let data29 = data27.randomizationUnit;
if(typeof data29 === "string"){
if(func4(data29) < 1){
const err61 = {instancePath:instancePath+"/spec/iteration/randomizationUnit",schemaPath:"#/properties/spec/properties/iteration/properties/randomizationUnit/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.randomizationUnit,data:data29};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/spec/iteration/randomizationUnit",schemaPath:"#/properties/spec/properties/iteration/properties/randomizationUnit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.randomizationUnit.type,parentSchema:schema12.properties.spec.properties.iteration.properties.randomizationUnit,data:data29};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data27.attributes !== undefined){
let data30 = data27.attributes;
if(Array.isArray(data30)){
if(data30.length > 5){
const err63 = {instancePath:instancePath+"/spec/iteration/attributes",schemaPath:"#/properties/spec/properties/iteration/properties/attributes/maxItems",keyword:"maxItems",params:{limit: 5},message:"must NOT have more than 5 items",schema:5,parentSchema:schema12.properties.spec.properties.iteration.properties.attributes,data:data30};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
const len2 = data30.length;
for(let i3=0; i3<len2; i3++){
let data31 = data30[i3];
if(typeof data31 === "string"){
if(func4(data31) < 1){
const err64 = {instancePath:instancePath+"/spec/iteration/attributes/" + i3,schemaPath:"#/properties/spec/properties/iteration/properties/attributes/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.attributes.items,data:data31};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/spec/iteration/attributes/" + i3,schemaPath:"#/properties/spec/properties/iteration/properties/attributes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.attributes.items.type,parentSchema:schema12.properties.spec.properties.iteration.properties.attributes.items,data:data31};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath:instancePath+"/spec/iteration/attributes",schemaPath:"#/properties/spec/properties/iteration/properties/attributes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.iteration.properties.attributes.type,parentSchema:schema12.properties.spec.properties.iteration.properties.attributes,data:data30};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data27.canReshuffleTraffic !== undefined){
let data32 = data27.canReshuffleTraffic;
if(typeof data32 !== "boolean"){
const err67 = {instancePath:instancePath+"/spec/iteration/canReshuffleTraffic",schemaPath:"#/properties/spec/properties/iteration/properties/canReshuffleTraffic/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.spec.properties.iteration.properties.canReshuffleTraffic.type,parentSchema:schema12.properties.spec.properties.iteration.properties.canReshuffleTraffic,data:data32};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data27.reallocationFrequencyMillis !== undefined){
let data33 = data27.reallocationFrequencyMillis;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err68 = {instancePath:instancePath+"/spec/iteration/reallocationFrequencyMillis",schemaPath:"#/properties/spec/properties/iteration/properties/reallocationFrequencyMillis/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.spec.properties.iteration.properties.reallocationFrequencyMillis.type,parentSchema:schema12.properties.spec.properties.iteration.properties.reallocationFrequencyMillis,data:data33};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 < 1 || isNaN(data33)){
const err69 = {instancePath:instancePath+"/spec/iteration/reallocationFrequencyMillis",schemaPath:"#/properties/spec/properties/iteration/properties/reallocationFrequencyMillis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.reallocationFrequencyMillis,data:data33};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data27.primaryMetric !== undefined){
let data34 = data27.primaryMetric;
if(typeof data34 === "string"){
if(func4(data34) < 1){
const err70 = {instancePath:instancePath+"/spec/iteration/primaryMetric",schemaPath:"#/properties/spec/properties/iteration/properties/primaryMetric/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.primaryMetric,data:data34};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/spec/iteration/primaryMetric",schemaPath:"#/properties/spec/properties/iteration/properties/primaryMetric/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.primaryMetric.type,parentSchema:schema12.properties.spec.properties.iteration.properties.primaryMetric,data:data34};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data27.primaryFunnel !== undefined){
let data35 = data27.primaryFunnel;
if(typeof data35 === "string"){
if(func4(data35) < 1){
const err72 = {instancePath:instancePath+"/spec/iteration/primaryFunnel",schemaPath:"#/properties/spec/properties/iteration/properties/primaryFunnel/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.primaryFunnel,data:data35};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
else {
const err73 = {instancePath:instancePath+"/spec/iteration/primaryFunnel",schemaPath:"#/properties/spec/properties/iteration/properties/primaryFunnel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.primaryFunnel.type,parentSchema:schema12.properties.spec.properties.iteration.properties.primaryFunnel,data:data35};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data27.metrics !== undefined){
let data36 = data27.metrics;
if(Array.isArray(data36)){
const len3 = data36.length;
for(let i4=0; i4<len3; i4++){
let data37 = data36[i4];
const _errs84 = errors;
let valid21 = false;
const _errs85 = errors;
if(typeof data37 === "string"){
if(func4(data37) < 1){
const err74 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.anyOf[0],data:data37};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
else {
const err75 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.anyOf[0].type,parentSchema:schema17.anyOf[0],data:data37};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
var _valid1 = _errs85 === errors;
valid21 = valid21 || _valid1;
if(!valid21){
const _errs87 = errors;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
if(data37.group === undefined){
const err76 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf/1/required",keyword:"required",params:{missingProperty: "group"},message:"must have required property '"+"group"+"'",schema:schema17.anyOf[1].required,parentSchema:schema17.anyOf[1],data:data37};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
for(const key6 in data37){
if(!(key6 === "group")){
const err77 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema17.anyOf[1],data:data37};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data37.group !== undefined){
let data38 = data37.group;
if(typeof data38 === "string"){
if(func4(data38) < 1){
const err78 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4+"/group",schemaPath:"#/definitions/metricRef/anyOf/1/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.anyOf[1].properties.group,data:data38};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4+"/group",schemaPath:"#/definitions/metricRef/anyOf/1/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.anyOf[1].properties.group.type,parentSchema:schema17.anyOf[1].properties.group,data:data38};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.anyOf[1].type,parentSchema:schema17.anyOf[1],data:data37};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
var _valid1 = _errs87 === errors;
valid21 = valid21 || _valid1;
}
if(!valid21){
const err81 = {instancePath:instancePath+"/spec/iteration/metrics/" + i4,schemaPath:"#/definitions/metricRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema17.anyOf,parentSchema:schema17,data:data37};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
else {
errors = _errs84;
if(vErrors !== null){
if(_errs84){
vErrors.length = _errs84;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err82 = {instancePath:instancePath+"/spec/iteration/metrics",schemaPath:"#/properties/spec/properties/iteration/properties/metrics/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.iteration.properties.metrics.type,parentSchema:schema12.properties.spec.properties.iteration.properties.metrics,data:data36};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data27.flags !== undefined){
let data39 = data27.flags;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
if(Object.keys(data39).length < 1){
const err83 = {instancePath:instancePath+"/spec/iteration/flags",schemaPath:"#/properties/spec/properties/iteration/properties/flags/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.flags,data:data39};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
for(const key7 in data39){
const _errs94 = errors;
if(typeof key7 === "string"){
if(!pattern0.test(key7)){
const err84 = {instancePath:instancePath+"/spec/iteration/flags",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema13,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/spec/iteration/flags",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:key7,propertyName:key7};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
var valid23 = _errs94 === errors;
if(!valid23){
const err86 = {instancePath:instancePath+"/spec/iteration/flags",schemaPath:"#/properties/spec/properties/iteration/properties/flags/propertyNames",keyword:"propertyNames",params:{propertyName: key7},message:"property name must be valid",schema:schema12.properties.spec.properties.iteration.properties.flags.propertyNames,parentSchema:schema12.properties.spec.properties.iteration.properties.flags,data:data39};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
for(const key8 in data39){
if(!(validate12(data39[key8], {instancePath:instancePath+"/spec/iteration/flags/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data39,parentDataProperty:key8,rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
else {
const err87 = {instancePath:instancePath+"/spec/iteration/flags",schemaPath:"#/properties/spec/properties/iteration/properties/flags/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.properties.iteration.properties.flags.type,parentSchema:schema12.properties.spec.properties.iteration.properties.flags,data:data39};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data27.treatments !== undefined){
let data41 = data27.treatments;
if(Array.isArray(data41)){
if(data41.length < 1){
const err88 = {instancePath:instancePath+"/spec/iteration/treatments",schemaPath:"#/properties/spec/properties/iteration/properties/treatments/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.treatments,data:data41};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
const len4 = data41.length;
for(let i5=0; i5<len4; i5++){
if(!(validate14(data41[i5], {instancePath:instancePath+"/spec/iteration/treatments/" + i5,parentData:data41,parentDataProperty:i5,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
else {
const err89 = {instancePath:instancePath+"/spec/iteration/treatments",schemaPath:"#/properties/spec/properties/iteration/properties/treatments/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.iteration.properties.treatments.type,parentSchema:schema12.properties.spec.properties.iteration.properties.treatments,data:data41};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data27.changeJustification !== undefined){
let data43 = data27.changeJustification;
if(typeof data43 === "string"){
if(func4(data43) < 1){
const err90 = {instancePath:instancePath+"/spec/iteration/changeJustification",schemaPath:"#/properties/spec/properties/iteration/properties/changeJustification/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.changeJustification,data:data43};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
else {
const err91 = {instancePath:instancePath+"/spec/iteration/changeJustification",schemaPath:"#/properties/spec/properties/iteration/properties/changeJustification/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.iteration.properties.changeJustification.type,parentSchema:schema12.properties.spec.properties.iteration.properties.changeJustification,data:data43};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data27.replacesIteration !== undefined){
let data44 = data27.replacesIteration;
if(!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))){
const err92 = {instancePath:instancePath+"/spec/iteration/replacesIteration",schemaPath:"#/properties/spec/properties/iteration/properties/replacesIteration/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.spec.properties.iteration.properties.replacesIteration.type,parentSchema:schema12.properties.spec.properties.iteration.properties.replacesIteration,data:data44};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 < 1 || isNaN(data44)){
const err93 = {instancePath:instancePath+"/spec/iteration/replacesIteration",schemaPath:"#/properties/spec/properties/iteration/properties/replacesIteration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.spec.properties.iteration.properties.replacesIteration,data:data44};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
}
else {
const err94 = {instancePath:instancePath+"/spec/iteration",schemaPath:"#/properties/spec/properties/iteration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.properties.iteration.type,parentSchema:schema12.properties.spec.properties.iteration,data:data27};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data8.stop !== undefined){
let data45 = data8.stop;
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
if(data45.winner === undefined){
const err95 = {instancePath:instancePath+"/spec/stop",schemaPath:"#/properties/spec/properties/stop/required",keyword:"required",params:{missingProperty: "winner"},message:"must have required property '"+"winner"+"'",schema:schema12.properties.spec.properties.stop.required,parentSchema:schema12.properties.spec.properties.stop,data:data45};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
for(const key9 in data45){
if(!((key9 === "winner") || (key9 === "reason"))){
const err96 = {instancePath:instancePath+"/spec/stop",schemaPath:"#/properties/spec/properties/stop/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec.properties.stop,data:data45};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data45.winner !== undefined){
let data46 = data45.winner;
if(typeof data46 === "string"){
if(func4(data46) < 1){
const err97 = {instancePath:instancePath+"/spec/stop/winner",schemaPath:"#/properties/spec/properties/stop/properties/winner/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.spec.properties.stop.properties.winner,data:data46};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
else {
const err98 = {instancePath:instancePath+"/spec/stop/winner",schemaPath:"#/properties/spec/properties/stop/properties/winner/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.stop.properties.winner.type,parentSchema:schema12.properties.spec.properties.stop.properties.winner,data:data46};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data45.reason !== undefined){
let data47 = data45.reason;
if(typeof data47 !== "string"){
const err99 = {instancePath:instancePath+"/spec/stop/reason",schemaPath:"#/properties/spec/properties/stop/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.spec.properties.stop.properties.reason.type,parentSchema:schema12.properties.spec.properties.stop.properties.reason,data:data47};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/spec/stop",schemaPath:"#/properties/spec/properties/stop/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.properties.stop.type,parentSchema:schema12.properties.spec.properties.stop,data:data45};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data8.ignore !== undefined){
let data48 = data8.ignore;
if(Array.isArray(data48)){
const len5 = data48.length;
for(let i6=0; i6<len5; i6++){
let data49 = data48[i6];
if(typeof data49 === "string"){
if(!pattern7.test(data49)){
const err101 = {instancePath:instancePath+"/spec/ignore/" + i6,schemaPath:"#/definitions/fieldPointer/pattern",keyword:"pattern",params:{pattern: "^(/[^/]+)+$"},message:"must match pattern \""+"^(/[^/]+)+$"+"\"",schema:"^(/[^/]+)+$",parentSchema:schema26,data:data49};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
else {
const err102 = {instancePath:instancePath+"/spec/ignore/" + i6,schemaPath:"#/definitions/fieldPointer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.type,parentSchema:schema26,data:data49};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
let i7 = data48.length;
let j1;
if(i7 > 1){
outer1:
for(;i7--;){
for(j1 = i7; j1--;){
if(func0(data48[i7], data48[j1])){
const err103 = {instancePath:instancePath+"/spec/ignore",schemaPath:"#/properties/spec/properties/ignore/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i7+" are identical)",schema:true,parentSchema:schema12.properties.spec.properties.ignore,data:data48};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err104 = {instancePath:instancePath+"/spec/ignore",schemaPath:"#/properties/spec/properties/ignore/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.ignore.type,parentSchema:schema12.properties.spec.properties.ignore,data:data48};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
else {
const err105 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.type,parentSchema:schema12.properties.spec,data:data8};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
}
else {
const err106 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

export const Holdout = validate17;
const schema27 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://ldexp.dev/schemas/v1/holdout.schema.json","title":"ldexp Holdout","description":"A LaunchDarkly holdout, managed by ldexp (kind: Holdout). Only name and description can change after creation.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"const":"ldexp/v1","description":"Manifest format version; always ldexp/v1."},"kind":{"const":"Holdout"},"metadata":{"type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"$ref":"#/definitions/key","description":"Holdout key, unique per project and environment."},"project":{"$ref":"#/definitions/key","description":"Project key (default: --project, then Config)."},"environment":{"$ref":"#/definitions/key","description":"Environment key (default: --environment, then Config)."}}},"spec":{"type":"object","additionalProperties":false,"required":["name","holdoutAmount","primaryMetric","metrics","state"],"properties":{"name":{"type":"string","minLength":1},"description":{"type":"string"},"randomizationUnit":{"type":"string","minLength":1,"default":"user","description":"A context kind of the project."},"attributes":{"type":"array","maxItems":5,"items":{"type":"string","minLength":1},"description":"Context attributes to slice results by; at most 5."},"holdoutAmount":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":100,"description":"Percent of the audience held out, strictly between 0 and 100."},"primaryMetric":{"type":"string","minLength":1,"description":"Primary metric key; must also be listed in metrics."},"metrics":{"type":"array","items":{"$ref":"#/definitions/metricRef"},"description":"Metrics and metric groups; must include the primary metric.","minItems":1},"prerequisiteFlag":{"$ref":"#/definitions/key","description":"Key of a flag the holdout depends on."},"maintainerId":{"type":"string","minLength":1},"state":{"enum":["active","ended"],"description":"active, or ended (ending is irreversible)."},"ignore":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/fieldPointer"},"description":"Fields handed to the LaunchDarkly UI (JSON pointers into this document, e.g. /spec/description): never diffed or written for an existing holdout; a create sends the manifest's value when given."}}}},"definitions":{"key":{"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."},"metricRef":{"title":"a metric key, or { group: <metric group key> }","description":"A metric key, or a metric group as { group: <key> }.","anyOf":[{"type":"string","minLength":1,"description":"A metric key."},{"type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1,"description":"A metric group key."}}}]},"fieldPointer":{"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."}}};
const schema28 = {"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."};
const schema31 = {"title":"a metric key, or { group: <metric group key> }","description":"A metric key, or a metric group as { group: <key> }.","anyOf":[{"type":"string","minLength":1,"description":"A metric key."},{"type":"object","additionalProperties":false,"required":["group"],"properties":{"group":{"type":"string","minLength":1,"description":"A metric group key."}}}]};
const schema33 = {"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://ldexp.dev/schemas/v1/holdout.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("ldexp/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "ldexp/v1"},message:"must be equal to constant",schema:"ldexp/v1",parentSchema:schema27.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Holdout" !== data1){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Holdout"},message:"must be equal to constant",schema:"Holdout",parentSchema:schema27.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.key === undefined){
const err7 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema27.properties.metadata.required,parentSchema:schema27.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data2){
if(!(((key1 === "key") || (key1 === "project")) || (key1 === "environment"))){
const err8 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema27.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.key !== undefined){
let data3 = data2.key;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err9 = {instancePath:instancePath+"/metadata/key",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema28,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/metadata/key",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.project !== undefined){
let data4 = data2.project;
if(typeof data4 === "string"){
if(!pattern0.test(data4)){
const err11 = {instancePath:instancePath+"/metadata/project",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema28,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/metadata/project",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.environment !== undefined){
let data5 = data2.environment;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err13 = {instancePath:instancePath+"/metadata/environment",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema28,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/metadata/environment",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.properties.metadata.type,parentSchema:schema27.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.spec !== undefined){
let data6 = data.spec;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.name === undefined){
const err16 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema27.properties.spec.required,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6.holdoutAmount === undefined){
const err17 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "holdoutAmount"},message:"must have required property '"+"holdoutAmount"+"'",schema:schema27.properties.spec.required,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data6.primaryMetric === undefined){
const err18 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "primaryMetric"},message:"must have required property '"+"primaryMetric"+"'",schema:schema27.properties.spec.required,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data6.metrics === undefined){
const err19 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "metrics"},message:"must have required property '"+"metrics"+"'",schema:schema27.properties.spec.required,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data6.state === undefined){
const err20 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "state"},message:"must have required property '"+"state"+"'",schema:schema27.properties.spec.required,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
for(const key2 in data6){
if(!(func3.call(schema27.properties.spec.properties, key2))){
const err21 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data6.name !== undefined){
let data7 = data6.name;
if(typeof data7 === "string"){
if(func4(data7) < 1){
const err22 = {instancePath:instancePath+"/spec/name",schemaPath:"#/properties/spec/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.spec.properties.name,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/spec/name",schemaPath:"#/properties/spec/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.name.type,parentSchema:schema27.properties.spec.properties.name,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data6.description !== undefined){
let data8 = data6.description;
if(typeof data8 !== "string"){
const err24 = {instancePath:instancePath+"/spec/description",schemaPath:"#/properties/spec/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.description.type,parentSchema:schema27.properties.spec.properties.description,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.randomizationUnit !== undefined){
let data9 = data6.randomizationUnit;
if(typeof data9 === "string"){
if(func4(data9) < 1){
const err25 = {instancePath:instancePath+"/spec/randomizationUnit",schemaPath:"#/properties/spec/properties/randomizationUnit/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.spec.properties.randomizationUnit,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/spec/randomizationUnit",schemaPath:"#/properties/spec/properties/randomizationUnit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.randomizationUnit.type,parentSchema:schema27.properties.spec.properties.randomizationUnit,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data6.attributes !== undefined){
let data10 = data6.attributes;
if(Array.isArray(data10)){
if(data10.length > 5){
const err27 = {instancePath:instancePath+"/spec/attributes",schemaPath:"#/properties/spec/properties/attributes/maxItems",keyword:"maxItems",params:{limit: 5},message:"must NOT have more than 5 items",schema:5,parentSchema:schema27.properties.spec.properties.attributes,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(typeof data11 === "string"){
if(func4(data11) < 1){
const err28 = {instancePath:instancePath+"/spec/attributes/" + i0,schemaPath:"#/properties/spec/properties/attributes/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.spec.properties.attributes.items,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/spec/attributes/" + i0,schemaPath:"#/properties/spec/properties/attributes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.attributes.items.type,parentSchema:schema27.properties.spec.properties.attributes.items,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/spec/attributes",schemaPath:"#/properties/spec/properties/attributes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.properties.spec.properties.attributes.type,parentSchema:schema27.properties.spec.properties.attributes,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data6.holdoutAmount !== undefined){
let data12 = data6.holdoutAmount;
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 >= 100 || isNaN(data12)){
const err31 = {instancePath:instancePath+"/spec/holdoutAmount",schemaPath:"#/properties/spec/properties/holdoutAmount/exclusiveMaximum",keyword:"exclusiveMaximum",params:{comparison: "<", limit: 100},message:"must be < 100",schema:100,parentSchema:schema27.properties.spec.properties.holdoutAmount,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data12 <= 0 || isNaN(data12)){
const err32 = {instancePath:instancePath+"/spec/holdoutAmount",schemaPath:"#/properties/spec/properties/holdoutAmount/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema27.properties.spec.properties.holdoutAmount,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/spec/holdoutAmount",schemaPath:"#/properties/spec/properties/holdoutAmount/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema27.properties.spec.properties.holdoutAmount.type,parentSchema:schema27.properties.spec.properties.holdoutAmount,data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data6.primaryMetric !== undefined){
let data13 = data6.primaryMetric;
if(typeof data13 === "string"){
if(func4(data13) < 1){
const err34 = {instancePath:instancePath+"/spec/primaryMetric",schemaPath:"#/properties/spec/properties/primaryMetric/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.spec.properties.primaryMetric,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/spec/primaryMetric",schemaPath:"#/properties/spec/properties/primaryMetric/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.primaryMetric.type,parentSchema:schema27.properties.spec.properties.primaryMetric,data:data13};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data6.metrics !== undefined){
let data14 = data6.metrics;
if(Array.isArray(data14)){
if(data14.length < 1){
const err36 = {instancePath:instancePath+"/spec/metrics",schemaPath:"#/properties/spec/properties/metrics/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema27.properties.spec.properties.metrics,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
const len1 = data14.length;
for(let i1=0; i1<len1; i1++){
let data15 = data14[i1];
const _errs37 = errors;
let valid11 = false;
const _errs38 = errors;
if(typeof data15 === "string"){
if(func4(data15) < 1){
const err37 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.anyOf[0],data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.anyOf[0].type,parentSchema:schema31.anyOf[0],data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
var _valid0 = _errs38 === errors;
valid11 = valid11 || _valid0;
if(!valid11){
const _errs40 = errors;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.group === undefined){
const err39 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf/1/required",keyword:"required",params:{missingProperty: "group"},message:"must have required property '"+"group"+"'",schema:schema31.anyOf[1].required,parentSchema:schema31.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
for(const key3 in data15){
if(!(key3 === "group")){
const err40 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema31.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data15.group !== undefined){
let data16 = data15.group;
if(typeof data16 === "string"){
if(func4(data16) < 1){
const err41 = {instancePath:instancePath+"/spec/metrics/" + i1+"/group",schemaPath:"#/definitions/metricRef/anyOf/1/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.anyOf[1].properties.group,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/spec/metrics/" + i1+"/group",schemaPath:"#/definitions/metricRef/anyOf/1/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.anyOf[1].properties.group.type,parentSchema:schema31.anyOf[1].properties.group,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.anyOf[1].type,parentSchema:schema31.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
var _valid0 = _errs40 === errors;
valid11 = valid11 || _valid0;
}
if(!valid11){
const err44 = {instancePath:instancePath+"/spec/metrics/" + i1,schemaPath:"#/definitions/metricRef/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema31.anyOf,parentSchema:schema31,data:data15};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
else {
errors = _errs37;
if(vErrors !== null){
if(_errs37){
vErrors.length = _errs37;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err45 = {instancePath:instancePath+"/spec/metrics",schemaPath:"#/properties/spec/properties/metrics/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.properties.spec.properties.metrics.type,parentSchema:schema27.properties.spec.properties.metrics,data:data14};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data6.prerequisiteFlag !== undefined){
let data17 = data6.prerequisiteFlag;
if(typeof data17 === "string"){
if(!pattern0.test(data17)){
const err46 = {instancePath:instancePath+"/spec/prerequisiteFlag",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema28,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/spec/prerequisiteFlag",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.type,parentSchema:schema28,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data6.maintainerId !== undefined){
let data18 = data6.maintainerId;
if(typeof data18 === "string"){
if(func4(data18) < 1){
const err48 = {instancePath:instancePath+"/spec/maintainerId",schemaPath:"#/properties/spec/properties/maintainerId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema27.properties.spec.properties.maintainerId,data:data18};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/spec/maintainerId",schemaPath:"#/properties/spec/properties/maintainerId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.spec.properties.maintainerId.type,parentSchema:schema27.properties.spec.properties.maintainerId,data:data18};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data6.state !== undefined){
let data19 = data6.state;
if(!((data19 === "active") || (data19 === "ended"))){
const err50 = {instancePath:instancePath+"/spec/state",schemaPath:"#/properties/spec/properties/state/enum",keyword:"enum",params:{allowedValues: schema27.properties.spec.properties.state.enum},message:"must be equal to one of the allowed values",schema:schema27.properties.spec.properties.state.enum,parentSchema:schema27.properties.spec.properties.state,data:data19};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data6.ignore !== undefined){
let data20 = data6.ignore;
if(Array.isArray(data20)){
const len2 = data20.length;
for(let i2=0; i2<len2; i2++){
let data21 = data20[i2];
if(typeof data21 === "string"){
if(!pattern7.test(data21)){
const err51 = {instancePath:instancePath+"/spec/ignore/" + i2,schemaPath:"#/definitions/fieldPointer/pattern",keyword:"pattern",params:{pattern: "^(/[^/]+)+$"},message:"must match pattern \""+"^(/[^/]+)+$"+"\"",schema:"^(/[^/]+)+$",parentSchema:schema33,data:data21};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/spec/ignore/" + i2,schemaPath:"#/definitions/fieldPointer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let i3 = data20.length;
let j0;
if(i3 > 1){
outer0:
for(;i3--;){
for(j0 = i3; j0--;){
if(func0(data20[i3], data20[j0])){
const err53 = {instancePath:instancePath+"/spec/ignore",schemaPath:"#/properties/spec/properties/ignore/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema27.properties.spec.properties.ignore,data:data20};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err54 = {instancePath:instancePath+"/spec/ignore",schemaPath:"#/properties/spec/properties/ignore/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.properties.spec.properties.ignore.type,parentSchema:schema27.properties.spec.properties.ignore,data:data20};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.properties.spec.type,parentSchema:schema27.properties.spec,data:data6};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
else {
const err56 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

export const Config = validate19;
const schema34 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://ldexp.dev/schemas/v1/config.schema.json","title":"ldexp Config","description":"Run-wide settings (kind: Config); at most one per run.","type":"object","additionalProperties":false,"required":["apiVersion","kind"],"properties":{"apiVersion":{"const":"ldexp/v1","description":"Manifest format version; always ldexp/v1."},"kind":{"const":"Config"},"project":{"$ref":"#/definitions/key","description":"Default project for documents that omit it (--project and metadata win)."},"environment":{"$ref":"#/definitions/key","description":"Default environment (--environment and metadata win)."},"prune":{"type":"boolean","default":false,"description":"Archive managed experiments that are missing from the manifests."},"managedTag":{"type":"string","minLength":1,"default":"ldexp-managed","description":"Tag that marks the experiments ldexp manages."},"allowedTargets":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/targetPattern"},"description":"The only project/environment pairs ldexp may touch (project/* for every environment of a project); a document for any other target is refused before any request. --allow-target narrows this list, never widens it."},"ignore":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/fieldPointer"},"description":"Fields handed to the LaunchDarkly UI in every Experiment and Holdout of the run (JSON pointers such as /spec/tags), as if each document listed them in spec.ignore; a pointer applies to the kinds that have the field."},"exclude":{"type":"array","uniqueItems":true,"items":{"type":"string","minLength":1},"description":"Glob patterns (relative to this Config document's folder, / separators) of files that are not manifests: they are not read, even when a path given names their folder."}},"definitions":{"targetPattern":{"type":"string","pattern":"^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$","description":"project/environment, or project/* for every environment of the project."},"key":{"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."},"fieldPointer":{"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."}}};
const schema35 = {"type":"string","pattern":"^[A-Za-z0-9._-]+$","description":"A LaunchDarkly key: letters, digits, '.', '_' or '-'."};
const schema37 = {"type":"string","pattern":"^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$","description":"project/environment, or project/* for every environment of the project."};
const schema38 = {"type":"string","pattern":"^(/[^/]+)+$","description":"A JSON pointer into this kind's documents, e.g. /spec/tags."};
const pattern15 = new RegExp("^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$", "u");

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://ldexp.dev/schemas/v1/config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func3.call(schema34.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("ldexp/v1" !== data0){
const err3 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "ldexp/v1"},message:"must be equal to constant",schema:"ldexp/v1",parentSchema:schema34.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if("Config" !== data1){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Config"},message:"must be equal to constant",schema:"Config",parentSchema:schema34.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.project !== undefined){
let data2 = data.project;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err5 = {instancePath:instancePath+"/project",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema35,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/project",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.environment !== undefined){
let data3 = data.environment;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err7 = {instancePath:instancePath+"/environment",schemaPath:"#/definitions/key/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+$"+"\"",schema:"^[A-Za-z0-9._-]+$",parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/environment",schemaPath:"#/definitions/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.prune !== undefined){
let data4 = data.prune;
if(typeof data4 !== "boolean"){
const err9 = {instancePath:instancePath+"/prune",schemaPath:"#/properties/prune/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema34.properties.prune.type,parentSchema:schema34.properties.prune,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.managedTag !== undefined){
let data5 = data.managedTag;
if(typeof data5 === "string"){
if(func4(data5) < 1){
const err10 = {instancePath:instancePath+"/managedTag",schemaPath:"#/properties/managedTag/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema34.properties.managedTag,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/managedTag",schemaPath:"#/properties/managedTag/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.managedTag.type,parentSchema:schema34.properties.managedTag,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.allowedTargets !== undefined){
let data6 = data.allowedTargets;
if(Array.isArray(data6)){
if(data6.length < 1){
const err12 = {instancePath:instancePath+"/allowedTargets",schemaPath:"#/properties/allowedTargets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema34.properties.allowedTargets,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 === "string"){
if(!pattern15.test(data7)){
const err13 = {instancePath:instancePath+"/allowedTargets/" + i0,schemaPath:"#/definitions/targetPattern/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$"+"\"",schema:"^[A-Za-z0-9._-]+/([A-Za-z0-9._-]+|\\*)$",parentSchema:schema37,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/allowedTargets/" + i0,schemaPath:"#/definitions/targetPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/allowedTargets",schemaPath:"#/properties/allowedTargets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.allowedTargets.type,parentSchema:schema34.properties.allowedTargets,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.ignore !== undefined){
let data8 = data.ignore;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
let data9 = data8[i1];
if(typeof data9 === "string"){
if(!pattern7.test(data9)){
const err16 = {instancePath:instancePath+"/ignore/" + i1,schemaPath:"#/definitions/fieldPointer/pattern",keyword:"pattern",params:{pattern: "^(/[^/]+)+$"},message:"must match pattern \""+"^(/[^/]+)+$"+"\"",schema:"^(/[^/]+)+$",parentSchema:schema38,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/ignore/" + i1,schemaPath:"#/definitions/fieldPointer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i2 = data8.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data8[i2], data8[j0])){
const err18 = {instancePath:instancePath+"/ignore",schemaPath:"#/properties/ignore/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema34.properties.ignore,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/ignore",schemaPath:"#/properties/ignore/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.ignore.type,parentSchema:schema34.properties.ignore,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.exclude !== undefined){
let data10 = data.exclude;
if(Array.isArray(data10)){
const len2 = data10.length;
for(let i3=0; i3<len2; i3++){
let data11 = data10[i3];
if(typeof data11 === "string"){
if(func4(data11) < 1){
const err20 = {instancePath:instancePath+"/exclude/" + i3,schemaPath:"#/properties/exclude/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema34.properties.exclude.items,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/exclude/" + i3,schemaPath:"#/properties/exclude/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.properties.exclude.items.type,parentSchema:schema34.properties.exclude.items,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let i4 = data10.length;
let j1;
if(i4 > 1){
const indices0 = {};
for(;i4--;){
let item0 = data10[i4];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err22 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema34.properties.exclude,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
break;
}
indices0[item0] = i4;
}
}
}
else {
const err23 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.exclude.type,parentSchema:schema34.properties.exclude,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

