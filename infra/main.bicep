// DialNexa Finance Handoff on Azure: one Linux App Service running the function app (ASP.NET Core host with the
// Functions conventions), a storage account for the durable engine's Azure Storage store (queues + tables, reached
// with the app's managed identity, no account key in settings), a Key Vault for every provider credential (app
// settings hold Key Vault references only), and Application Insights for telemetry.
// Deploy with `azd up` (azure.yaml at the root) or `az deployment group create -f infra/main.bicep`.
targetScope = 'resourceGroup'

@description('Short environment name, used in resource names (dev, test, prod).')
@minLength(2)
@maxLength(12)
param environmentName string

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Task hub name: isolates this environment\'s queues and tables inside the storage account.')
param hubName string = 'DialNexaHub${toUpper(take(environmentName, 1))}${toLower(skip(environmentName, 1))}'

@description('Object ID of the person or pipeline that will put secrets into the vault (gets Key Vault Secrets Officer).')
param secretsOfficerPrincipalId string = ''

@description('Provider modes: DryRun renders requests without sending them. New environments start in DryRun.')
@allowed(['DryRun', 'Live'])
param providerMode string = 'DryRun'

@description('Gusto company UUID the bank-account and contractor actions act on (Providers__Gusto__CompanyId).')
param gustoCompanyId string = ''

@description('Proabono API base URL of the business (Providers__Proabono__BaseUrl), for example https://api-42.proabono.com.')
param proabonoBaseUrl string = ''

@description('App Service plan SKU. P0v3 keeps the instance warm; B1 is enough for a trial.')
param planSku string = 'P0v3'

var suffix = uniqueString(resourceGroup().id, environmentName)
var tags = { 'azd-env-name': environmentName, application: 'dialnexa-finance-handoff' }

// Built-in role definition IDs.
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
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
    allowSharedKeyAccess: false // the app signs in with its managed identity
    supportsHttpsTrafficOnly: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-dialnexa-${take(suffix, 10)}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
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
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-dialnexa-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: planSku }
  properties: { reserved: true }
}

// A Key Vault reference (SecretUri form, which the app can also resolve itself) for a secret the secrets officer adds
// after deployment; the secret names are listed in the README.
var kv = '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-dialnexa-${suffix}'
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true // the worker polls queues and fires durable timers: it must not be unloaded
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/api/health'
      appSettings: [
        { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureFunctionsJobHost__extensions__durableTask__hubName', value: hubName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'DialNexa__WebhookSecrets', value: '${kv}dialnexa-webhook-secrets)' }
        { name: 'DialNexa__AdminKey', value: '${kv}dialnexa-admin-key)' }
        { name: 'Providers__Paystack__Mode', value: providerMode }
        { name: 'Providers__Paystack__SecretKey', value: '${kv}paystack-secret-key)' }
        { name: 'Providers__Gusto__Mode', value: providerMode }
        { name: 'Providers__Gusto__AccessToken', value: '${kv}gusto-access-token)' }
        { name: 'Providers__Gusto__CompanyId', value: gustoCompanyId }
        { name: 'Providers__Plisio__Mode', value: providerMode }
        { name: 'Providers__Plisio__ApiKey', value: '${kv}plisio-api-key)' }
        { name: 'Providers__Proabono__Mode', value: providerMode }
        { name: 'Providers__Proabono__AgentKey', value: '${kv}proabono-agent-key)' }
        { name: 'Providers__Proabono__ApiKey', value: '${kv}proabono-api-key)' }
        { name: 'Providers__Proabono__BaseUrl', value: proabonoBaseUrl }
        { name: 'Providers__Altoviz__Mode', value: providerMode }
        { name: 'Providers__Altoviz__ApiKey', value: '${kv}altoviz-api-key)' }
        { name: 'Providers__Slack__Mode', value: providerMode }
        { name: 'Providers__Slack__WebhookUrl', value: '${kv}slack-webhook-url)' }
        { name: 'Providers__Slack__SigningSecret', value: '${kv}slack-signing-secret)' }
        { name: 'DialNexa__Approvals__SigningKeys', value: '${kv}approval-signing-keys)' }
      ]
    }
  }
}

resource appQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource officerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(vault.id, secretsOfficerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: secretsOfficerPrincipalId
  }
}

output AZURE_LOCATION string = location
output SERVICE_FUNCTIONS_NAME string = app.name
output SERVICE_FUNCTIONS_URI string = 'https://${app.properties.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
