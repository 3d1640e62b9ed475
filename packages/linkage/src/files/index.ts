export { readJsonFile, writeJsonFile } from "./json-file.js"
export { readSettingsFile, readTrainingPlanFile, writeModelFile } from "./settings-file.js"
