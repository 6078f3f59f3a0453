// DialNexa Finance Handoff on Azure Functions (Flex Consumption, .NET isolated worker). The Functions host runs the
// Durable extension on the storage account (AzureWebJobsStorage by identity, no shared keys); the app keeps its own
// data (inbox, approvals, review index) in tables and blobs of the same account; every secret is a Key Vault reference;
// the DataProtection key ring (which encrypts inbox bodies) lives in a blob, wrapped by a Key Vault key.
// Deploy with azd (azure.yaml): `azd provision`, put the secrets into the vault (README), then `azd deploy`.
targetScope = 'resourceGroup'

@description('azd environment name (letters, digits, hyphens), used in resource names.')
@minLength(2)
@maxLength(20)
param environmentName string

@description('Azure region for every resource (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Durable task hub: 3-45 letters and digits, starting with a letter; derived from the environment name by default.')
@minLength(3)
@maxLength(45)
param hubName string = 'DialNexa${take(replace(replace(environmentName, '-', ''), '_', ''), 20)}'

@description('Vault name suffix from the azd environment (KEY_VAULT_SUFFIX, set by the preprovision hook and renewed by postdown), so a new vault never collides with a soft-deleted one.')
@minLength(3)
@maxLength(8)
param keyVaultSuffix string

@description('Object ID of the person or pipeline that puts secrets into the vault (Key Vault Secrets Officer).')
param vaultOfficerPrincipalId string = ''

@description('Finance approvers: [{ email, name, slackUserId }]. Only these may approve, by link or in Slack.')
@minLength(1)
param approvers array

@description('Provider modes: DryRun renders requests without sending them. New environments start in DryRun.')
@allowed(['DryRun', 'Live'])
param providerMode string = 'DryRun'

@description('Gusto company UUID the bank-account and contractor actions act on (Providers__Gusto__CompanyId).')
param gustoCompanyId string = ''

@description('Proabono API base URL of the business (Providers__Proabono__BaseUrl), for example https://api-42.proabono.com.')
param proabonoBaseUrl string = ''

@description('Most instances Flex Consumption may scale to.')
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, environmentName)
var tags = { 'azd-env-name': environmentName, application: 'dialnexa-finance-handoff' }
var functionAppName = 'func-dialnexa-${suffix}'
var deploymentContainer = 'app-package-${take(suffix, 7)}'

// Built-in role definition IDs.
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultCryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdialnexa${suffix}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // the host and the app sign in with the app's managed identity
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

// Soft delete stays on (7 days, the least Azure allows) and purge protection off, so `azd down --purge` can remove it;
// the vault's name carries the azd environment's KEY_VAULT_SUFFIX, which the postdown hook renews, so the next
// `azd up` never meets the soft-deleted vault's name.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-dialnexa-${take(suffix, 5)}-${keyVaultSuffix}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

// Wraps the DataProtection key ring at rest (DialNexa__DataProtection__KeyVaultKeyUri).
resource keyRingKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'dataprotection-key-ring'
  properties: { kty: 'RSA', keySize: 3072, keyOps: ['wrapKey', 'unwrapKey'] }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-dialnexa-${suffix}'
  location: location
  tags: tags
  properties: { retentionInDays: 30, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-dialnexa-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id, DisableLocalAuth: false }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-dialnexa-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled', http20Enabled: true }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// A Key Vault reference for a secret the secrets officer adds after `azd provision` (README: the names and the order).
var kv = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/'

var approverSettings = reduce(range(0, length(approvers)), {}, (settings, i) => union(settings, {
  'DialNexa__Approvals__Approvers__${i}__Email': approvers[i].email
  'DialNexa__Approvals__Approvers__${i}__Name': approvers[i].?name ?? approvers[i].email
  'DialNexa__Approvals__Approvers__${i}__SlackUserId': approvers[i].?slackUserId ?? ''
}))

// App settings are their own resource so they can name the app's own host name (links in notes, Slack and mail).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union({
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureFunctionsJobHost__extensions__durableTask__hubName: hubName
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    DialNexa__Handoff__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
    DialNexa__DataProtection__KeyVaultKeyUri: keyRingKey.properties.keyUri
    DialNexa__WebhookSecrets: '${kv}dialnexa-webhook-secrets)'
    DialNexa__AdminKey: '${kv}dialnexa-admin-key)'
    DialNexa__Approvals__SigningKeys: '${kv}approval-signing-keys)'
    DialNexa__Erasure__DigestKeys: '${kv}erasure-digest-keys)'
    Providers__Paystack__Mode: providerMode
    Providers__Paystack__SecretKey: '${kv}paystack-secret-key)'
    Providers__Gusto__Mode: providerMode
    Providers__Gusto__AccessToken: '${kv}gusto-access-token)'
    Providers__Gusto__CompanyId: gustoCompanyId
    Providers__Plisio__Mode: providerMode
    Providers__Plisio__ApiKey: '${kv}plisio-api-key)'
    Providers__Proabono__Mode: providerMode
    Providers__Proabono__AgentKey: '${kv}proabono-agent-key)'
    Providers__Proabono__ApiKey: '${kv}proabono-api-key)'
    Providers__Proabono__BaseUrl: proabonoBaseUrl
    Providers__Altoviz__Mode: providerMode
    Providers__Altoviz__ApiKey: '${kv}altoviz-api-key)'
    Providers__Slack__Mode: providerMode
    Providers__Slack__WebhookUrl: '${kv}slack-webhook-url)'
    Providers__Slack__SigningSecret: '${kv}slack-signing-secret)'
  }, approverSettings)
  dependsOn: [appBlobs, appQueues, appTables, appSecrets, appKeys]
}

resource appQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionApp.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appKeys 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionApp.id, keyVaultCryptoUser)
  scope: keyRingKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource officerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultOfficerPrincipalId)) {
  name: guid(vault.id, vaultOfficerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: vaultOfficerPrincipalId
  }
}

output AZURE_LOCATION string = location
output SERVICE_FUNCTIONS_NAME string = functionApp.name
output SERVICE_FUNCTIONS_URI string = 'https://${functionApp.properties.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output DURABLE_TASK_HUB string = hubName
